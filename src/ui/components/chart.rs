//! One line chart for every "over time" screen (check history, moods): an
//! SVG with a text summary for screen readers, a legend naming each line,
//! and a table beside it (the caller's) carrying the same numbers.

use leptos::prelude::*;

/// One line of the chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// What the line shows, named in the legend.
    pub name: String,
    /// `(x, y)` points in data units, in order of x.
    pub points: Vec<(f64, f64)>,
    /// The chart's main line: thick, with a dot per point.
    pub main: bool,
}

/// Where things go in the chart's box (640 wide, or 340 on a narrow screen):
/// the layout maths, apart from the markup so it can be tested natively.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Layout {
    pub width: f64,
    pub height: f64,
    /// Room on the left for the value labels.
    pub left: f64,
    pub x_range: (f64, f64),
    pub y_range: (f64, f64),
}

impl Layout {
    const RIGHT: f64 = 16.0;
    const TOP: f64 = 16.0;
    const BOTTOM: f64 = 36.0;

    /// A layout for `series` with values from `y_range`; the x range covers every point.
    pub fn new(series: &[Series], y_range: (f64, f64), left: f64) -> Self {
        let xs = series.iter().flat_map(|s| s.points.iter().map(|p| p.0));
        let x_range = xs.fold(None, |r: Option<(f64, f64)>, x| Some(r.map_or((x, x), |(a, b)| (a.min(x), b.max(x)))));
        Layout { width: 640.0, height: 250.0, left, x_range: x_range.unwrap_or((0.0, 0.0)), y_range }
    }

    /// The same chart for a narrow screen: a box about half as wide and a
    /// little less tall, so that drawn at a phone's width its labels keep a
    /// readable size (the wide box at 288 px wide shrinks them to 6 px).
    pub fn narrow(self) -> Self {
        Layout { width: 340.0, height: 230.0, ..self }
    }

    /// The horizontal position of `x`; a single point sits in the middle.
    pub fn x(&self, x: f64) -> f64 {
        let (lo, hi) = self.x_range;
        let inner = self.width - self.left - Self::RIGHT;
        if hi <= lo {
            self.left + inner / 2.0
        } else {
            self.left + inner * (x - lo) / (hi - lo)
        }
    }

    /// The vertical position of `y`: the top of the range at the top.
    pub fn y(&self, y: f64) -> f64 {
        let (lo, hi) = self.y_range;
        let span = if hi > lo { hi - lo } else { 1.0 };
        Self::TOP + (self.height - Self::TOP - Self::BOTTOM) * (1.0 - (y - lo) / span)
    }

    /// The `points` attribute of a polyline through `points`.
    pub fn polyline(&self, points: &[(f64, f64)]) -> String {
        points.iter().map(|&(x, y)| format!("{:.1},{:.1}", self.x(x), self.y(y))).collect::<Vec<_>>().join(" ")
    }

    pub fn plot_left(&self) -> f64 {
        self.left
    }
    pub fn plot_right(&self) -> f64 {
        self.width - Self::RIGHT
    }
    pub fn baseline(&self) -> f64 {
        self.height - 10.0
    }
}

/// A line chart. `ticks` are the value lines with their labels; `first` and
/// `last` label the two ends of the time axis; `summary` is what a screen
/// reader hears for the picture (the table that follows has the numbers).
#[component]
pub fn LineChart(
    series: Vec<Series>,
    ticks: Vec<(f64, String)>,
    y_range: (f64, f64),
    /// Room for the tick labels (wider for words than for numbers).
    #[prop(default = 40.0)]
    label_room: f64,
    first: String,
    last: String,
    summary: String,
    #[prop(optional, into)] caption: Option<String>,
) -> impl IntoView {
    let layout = Layout::new(&series, y_range, label_room);
    let legend = (series.len() > 1).then(|| {
        series
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let class = line_class(s, i);
                view! {
                    <li>
                        <svg class="rt-chart__key" viewBox="0 0 24 8" aria-hidden="true">
                            <line class=class x1="0" x2="24" y1="4" y2="4"></line>
                        </svg>
                        {s.name.clone()}
                    </li>
                }
            })
            .collect_view()
    });
    // Both boxes are drawn; the stylesheet shows the one that fits the
    // chart's own width (a container query), so it works in a host's page
    // and in print alike, with nothing measured by script.
    let wide = plot(layout, &series, &ticks, &first, &last, &summary, "rt-chart__svg rt-chart__svg--wide");
    let narrow = plot(layout.narrow(), &series, &ticks, &first, &last, &summary, "rt-chart__svg rt-chart__svg--narrow");
    view! {
        <figure class="rt-chart">
            {wide}
            {narrow}
            {legend.map(|items| view! { <ul class="rt-chart__legend">{items}</ul> })}
            {caption.map(|c| view! { <figcaption>{c}</figcaption> })}
        </figure>
    }
}

/// The chart's picture in one box.
fn plot(
    layout: Layout,
    series: &[Series],
    ticks: &[(f64, String)],
    first: &str,
    last: &str,
    summary: &str,
    class: &'static str,
) -> impl IntoView {
    view! {
        <svg viewBox=format!("0 0 {} {}", layout.width, layout.height) role="img" aria-label=summary.to_string() class=class>
            {ticks.iter().map(|(value, label)| view! {
                <line class="rt-chart__grid" x1=layout.plot_left() x2=layout.plot_right() y1=layout.y(*value) y2=layout.y(*value)></line>
                <text class="rt-chart__label" x=layout.plot_left() - 8.0 y=layout.y(*value) + 4.0 text-anchor="end">{label.clone()}</text>
            }).collect_view()}
            // Minor lines first, so the main one is drawn on top.
            {series.iter().enumerate().filter(|(_, s)| !s.main).map(|(i, s)| view! {
                <polyline class=line_class(s, i) points=layout.polyline(&s.points) fill="none"></polyline>
                // A line of one point draws nothing: mark the point instead.
                {(s.points.len() == 1).then(|| s.points.first().map(|&(x, y)| view! {
                    <circle class=format!("{} rt-chart__point", line_class(s, i)) cx=layout.x(x) cy=layout.y(y) r="4"></circle>
                }))}
            }).collect_view()}
            {series.iter().enumerate().filter(|(_, s)| s.main).map(|(i, s)| view! {
                <polyline class=line_class(s, i) points=layout.polyline(&s.points) fill="none"></polyline>
                {s.points.iter().map(|&(x, y)| view! {
                    <circle class="rt-chart__dot" cx=layout.x(x) cy=layout.y(y) r="4.5"></circle>
                }).collect_view()}
            }).collect_view()}
            <text class="rt-chart__label" x=layout.plot_left() y=layout.baseline()>{first.to_string()}</text>
            <text class="rt-chart__label" x=layout.plot_right() y=layout.baseline() text-anchor="end">{last.to_string()}</text>
        </svg>
    }
}

/// The stroke style of series `i`: the main line, one of six minor patterns
/// for the next six, and a strong line of its own for a seventh (the check
/// history's "your partner").
fn line_class(series: &Series, i: usize) -> String {
    if series.main {
        "rt-chart__line rt-chart__line--main".into()
    } else if i == 7 {
        "rt-chart__line rt-chart__line--7".into()
    } else {
        format!("rt-chart__line rt-chart__line--{}", i % 6 + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series(points: &[(f64, f64)]) -> Vec<Series> {
        vec![Series { name: "s".into(), points: points.to_vec(), main: true }]
    }

    #[test]
    fn the_range_spans_the_plot_from_left_to_right_and_top_to_bottom() {
        let l = Layout::new(&series(&[(10.0, 0.0), (20.0, 100.0)]), (0.0, 100.0), 40.0);
        assert_eq!(l.x(10.0), 40.0);
        assert_eq!(l.x(20.0), 640.0 - 16.0);
        assert_eq!(l.y(100.0), 16.0);
        assert_eq!(l.y(0.0), 250.0 - 36.0);
        assert_eq!(l.x(15.0), 40.0 + (640.0 - 16.0 - 40.0) / 2.0);
    }

    #[test]
    fn a_single_point_sits_in_the_middle_and_an_empty_chart_does_not_divide_by_zero() {
        let one = Layout::new(&series(&[(5.0, 3.0)]), (1.0, 5.0), 84.0);
        assert_eq!(one.x(5.0), 84.0 + (640.0 - 16.0 - 84.0) / 2.0);
        let none = Layout::new(&[], (0.0, 0.0), 40.0);
        assert!(none.x(1.0).is_finite() && none.y(1.0).is_finite());
    }

    #[test]
    fn the_x_range_covers_every_series() {
        let mut s = series(&[(3.0, 1.0), (4.0, 1.0)]);
        s.push(Series { name: "t".into(), points: vec![(1.0, 2.0), (9.0, 2.0)], main: false });
        assert_eq!(Layout::new(&s, (0.0, 5.0), 40.0).x_range, (1.0, 9.0));
    }

    #[test]
    fn the_first_six_minor_lines_keep_their_patterns_and_a_seventh_has_its_own() {
        let minor = Series { name: "m".into(), points: vec![], main: false };
        let classes: Vec<String> = (1..=7).map(|i| line_class(&minor, i)).collect();
        assert_eq!(classes[0], "rt-chart__line rt-chart__line--2");
        assert_eq!(classes[5], "rt-chart__line rt-chart__line--1");
        assert_eq!(classes[6], "rt-chart__line rt-chart__line--7");
        let distinct: std::collections::BTreeSet<&String> = classes.iter().collect();
        assert_eq!(distinct.len(), 7);
    }

    #[test]
    fn the_narrow_box_keeps_the_data_and_the_label_room_and_fits_a_phone() {
        let wide = Layout::new(&series(&[(10.0, 1.0), (20.0, 5.0)]), (1.0, 5.0), 84.0);
        let narrow = wide.narrow();
        assert_eq!((narrow.x_range, narrow.y_range, narrow.left), (wide.x_range, wide.y_range, wide.left));
        assert_eq!(narrow.x(10.0), 84.0);
        assert_eq!(narrow.plot_right(), 340.0 - 16.0);
        assert_eq!(narrow.y(5.0), 16.0);
        assert_eq!(narrow.y(1.0), 230.0 - 36.0);
        // Drawn at 288 px (a 320 px phone less the page's margins), a label
        // of 15 units stays above 12 px; in the wide box it would be 6.
        let at_phone = |l: Layout, units: f64| units * 288.0 / l.width;
        assert!(at_phone(narrow, 15.0) > 12.0, "{}", at_phone(narrow, 15.0));
        assert!(at_phone(wide, 13.0) < 6.0);
        // Room is left for a plot beside the widest labels (the summary's 120).
        assert!(Layout { left: 120.0, ..narrow }.plot_right() - 120.0 > 180.0);
    }

    #[test]
    fn a_polyline_lists_its_points_in_plot_coordinates() {
        let l = Layout::new(&series(&[(0.0, 0.0), (1.0, 100.0)]), (0.0, 100.0), 40.0);
        assert_eq!(l.polyline(&[(0.0, 0.0), (1.0, 100.0)]), "40.0,214.0 624.0,16.0");
    }
}
