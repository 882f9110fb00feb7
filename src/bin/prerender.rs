//! Writes the static pages into a build (`tools/postbuild.mjs` runs it on
//! Trunk's output): `index.html` becomes Home, each other page `<path>.html`,
//! and Trunk's `index.html` as it was is kept as `app.html`, the page every
//! other path falls back to. See `rebuild_trust::ui::prerender`.
//!
//!   cargo run --bin prerender -- <build directory>

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use rebuild_trust::ui::prerender;
    use std::path::PathBuf;
    use std::process::ExitCode;

    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: prerender <build directory>");
        return ExitCode::from(2);
    };
    let run = || -> Result<usize, String> {
        let index = dir.join("index.html");
        let template = std::fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?;
        // The first paint's words in every language, for discreet.js to pick from.
        let template = rebuild_trust::ui::first_paint::in_every_language(&template)?;
        let write = |name: &str, text: &str| {
            let path = dir.join(name);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
            }
            std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
        };
        write(prerender::FALLBACK, &template)?;
        let routes = prerender::routes();
        for route in &routes {
            let pages = prerender::render_all(route);
            write(&prerender::file_for(route), &prerender::fill(&template, &pages)?)?;
        }
        Ok(routes.len())
    };
    match run() {
        Ok(count) => {
            println!("prerender: wrote {count} pages and {}", prerender::FALLBACK);
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("prerender: {err}");
            ExitCode::FAILURE
        }
    }
}
