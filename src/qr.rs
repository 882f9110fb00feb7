//! Reading a QR code from a greyscale picture (a photo of the other person's
//! screen, or a camera frame), with the `rqrr` decoder. The interface calls
//! [`decode`] only through its own split point, so the decoder is fetched only
//! on the screen that reads codes.

/// A greyscale picture: one byte per pixel, row by row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Luma {
    pub width: usize,
    pub height: usize,
    pub pixels: Vec<u8>,
}

impl Luma {
    /// From RGBA bytes (as a canvas gives them); transparent pixels count as white.
    pub fn from_rgba(width: usize, height: usize, rgba: &[u8]) -> Option<Luma> {
        if rgba.len() != width * height * 4 {
            return None;
        }
        let pixels = rgba
            .chunks_exact(4)
            .map(|p| {
                let grey = (u32::from(p[0]) * 299 + u32::from(p[1]) * 587 + u32::from(p[2]) * 114) / 1000;
                let alpha = u32::from(p[3]);
                (grey * alpha / 255 + (255 - alpha)) as u8
            })
            .collect();
        Some(Luma { width, height, pixels })
    }
}

/// The text of the first QR code found in the picture, if any can be read.
pub fn decode(image: &Luma) -> Option<String> {
    if image.pixels.len() != image.width * image.height || image.width == 0 {
        return None;
    }
    let mut prepared = rqrr::PreparedImage::prepare_from_greyscale(image.width, image.height, |x, y| {
        image.pixels[y * image.width + x]
    });
    prepared.detect_grids().into_iter().find_map(|grid| grid.decode().ok().map(|(_, text)| text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::share::{self, QrModules};

    /// Draws modules as the share screen's SVG does: `scale` pixels each, in a white quiet zone.
    fn draw(qr: &QrModules, scale: usize, margin: usize) -> Luma {
        let size = (qr.width + 2 * margin) * scale;
        let mut rgba = vec![255u8; size * size * 4];
        for y in 0..qr.width {
            for x in 0..qr.width {
                if qr.dark[y * qr.width + x] {
                    for dy in 0..scale {
                        for dx in 0..scale {
                            let at = ((y + margin) * scale + dy) * size + (x + margin) * scale + dx;
                            rgba[at * 4..at * 4 + 3].fill(0);
                        }
                    }
                }
            }
        }
        Luma::from_rgba(size, size, &rgba).unwrap()
    }

    #[test]
    fn a_drawn_share_code_reads_back() {
        let c = crate::content::check();
        let mut draft = crate::assessment::Draft::default();
        for (i, it) in c.items.iter().enumerate() {
            draft.answer(c, &it.id, (i % 5) as u8 + 1);
        }
        let result = crate::assessment::CheckResult::from_draft(c, &draft, "r".into(), 1_763_800_000_000, None, None).unwrap();
        for with_answers in [false, true] {
            let code = share::encode(c, &result, with_answers);
            let qr = share::qr(&code).unwrap();
            assert_eq!(decode(&draw(&qr, 4, 4)).as_deref(), Some(code.as_str()));
        }
    }

    #[test]
    fn a_blank_or_malformed_picture_reads_nothing() {
        assert_eq!(decode(&Luma { width: 40, height: 40, pixels: vec![255; 1600] }), None);
        assert_eq!(decode(&Luma { width: 40, height: 40, pixels: vec![0; 10] }), None);
        assert_eq!(Luma::from_rgba(2, 2, &[0; 15]), None);
        let see_through = Luma::from_rgba(1, 1, &[0, 0, 0, 0]).unwrap();
        assert_eq!(see_through.pixels, vec![255]);
    }
}
