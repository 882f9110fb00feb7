//! Mood over time, by the person's local day.

use super::entry::Entry;
use std::collections::BTreeMap;

const MS_PER_DAY: i64 = 86_400_000;
const MS_PER_MINUTE: i64 = 60_000;

/// The mean mood of one local day.
#[derive(Debug, Clone, PartialEq)]
pub struct MoodPoint {
    /// Days since 1970-01-01 in the caller's time zone.
    pub day: i64,
    /// The mean mood, 1.0 to 5.0.
    pub mean: f32,
    /// Entries with a mood that day.
    pub count: usize,
}

/// The local day (days since 1970-01-01) a time falls on.
///
/// `utc_offset_min` is minutes *east* of UTC (local = UTC + offset): +120
/// for Central European Summer Time, -300 for US Eastern. Note that
/// JavaScript's `Date.getTimezoneOffset()` is the negation of this.
pub fn local_day(ms: u64, utc_offset_min: i32) -> i64 {
    let local = i64::try_from(ms)
        .unwrap_or(i64::MAX)
        .saturating_add(i64::from(utc_offset_min) * MS_PER_MINUTE);
    local.div_euclid(MS_PER_DAY)
}

/// The first and last millisecond (UTC, ms since 1970) of a local day, for
/// the inclusive date bounds of a [`Filter`](super::Filter).
///
/// `offset_at(ms)` is the time zone's offset (minutes east of UTC) in effect
/// at that instant, so a day that begins or ends a daylight-saving period
/// gets its true start and its true length (23 or 25 hours).
pub fn day_bounds(day: i64, offset_at: impl Fn(u64) -> i32) -> (u64, u64) {
    let start = day_start(day, &offset_at);
    let end = day_start(day.saturating_add(1), &offset_at).saturating_sub(1);
    (
        u64::try_from(start).unwrap_or(0),
        u64::try_from(end.max(start)).unwrap_or(0),
    )
}

/// Local midnight at the start of `day`, in UTC milliseconds. The offset is
/// looked up at a first guess of that instant, then at the instant itself:
/// enough for any change of offset that is not itself near midnight twice.
fn day_start(day: i64, offset_at: &impl Fn(u64) -> i32) -> i64 {
    let midnight = day.saturating_mul(MS_PER_DAY);
    let at = |guess: i64| midnight.saturating_sub(i64::from(offset_at(u64::try_from(guess).unwrap_or(0))) * MS_PER_MINUTE);
    at(at(midnight))
}

/// The mean mood per local day, days in order, entries without a mood left out.
///
/// `offset_at(ms)` is the time zone's offset (minutes east of UTC) in effect
/// when each entry was written, so an entry near midnight lands on the day it
/// was written, on either side of a daylight-saving change.
pub fn mood_series<'a>(
    entries: impl IntoIterator<Item = &'a Entry>,
    offset_at: impl Fn(u64) -> i32,
) -> Vec<MoodPoint> {
    let mut days: BTreeMap<i64, (u32, usize)> = BTreeMap::new();
    for entry in entries {
        if let Some(mood) = entry.mood {
            let day = days
                .entry(local_day(entry.created, offset_at(entry.created)))
                .or_default();
            day.0 += u32::from(mood);
            day.1 += 1;
        }
    }
    days.into_iter()
        .map(|(day, (sum, count))| MoodPoint {
            day,
            mean: sum as f32 / count as f32,
            count,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: u64 = 86_400_000;
    const HOUR: u64 = 3_600_000;

    fn at(id: &str, created: u64, mood: Option<u8>) -> Entry {
        let mut e = Entry::new(id.into(), created);
        e.mood = mood;
        e
    }

    #[test]
    fn moods_are_averaged_per_day_and_days_come_in_order() {
        let entries = [
            at("c", 3 * DAY + HOUR, Some(5)),
            at("a", DAY + HOUR, Some(2)),
            at("b", DAY + 20 * HOUR, Some(3)),
            at("d", 3 * DAY + 2 * HOUR, Some(4)),
        ];
        assert_eq!(
            mood_series(&entries, |_| 0),
            vec![
                MoodPoint {
                    day: 1,
                    mean: 2.5,
                    count: 2
                },
                MoodPoint {
                    day: 3,
                    mean: 4.5,
                    count: 2
                },
            ]
        );
    }

    #[test]
    fn entries_without_a_mood_are_left_out() {
        let entries = [
            at("a", DAY, None),
            at("b", DAY, Some(1)),
            at("c", 2 * DAY, None),
        ];
        assert_eq!(
            mood_series(&entries, |_| 0),
            vec![MoodPoint {
                day: 1,
                mean: 1.0,
                count: 1
            }]
        );
        assert!(mood_series(&[at("x", DAY, None)], |_| 0).is_empty());
    }

    #[test]
    fn the_time_zone_offset_moves_an_entry_to_its_local_day() {
        // 23:30 UTC on day 10: already day 11 in Berlin (+60), still day 10 in New York (-300).
        let late = 10 * DAY + 23 * HOUR + 30 * 60_000;
        let entries = [at("a", late, Some(4))];
        assert_eq!(mood_series(&entries, |_| 60)[0].day, 11);
        assert_eq!(mood_series(&entries, |_| 0)[0].day, 10);
        // 01:00 UTC on day 10 is still day 9 in New York.
        assert_eq!(local_day(10 * DAY + HOUR, -300), 9);
    }

    #[test]
    fn a_negative_offset_just_after_1970_gives_a_negative_day() {
        assert_eq!(local_day(HOUR, -120), -1);
    }

    #[test]
    fn day_bounds_cover_exactly_one_local_day() {
        let (start, end) = day_bounds(10, |_| 60);
        assert_eq!(start, 10 * DAY - HOUR);
        assert_eq!(end, 11 * DAY - HOUR - 1);
        assert_eq!(local_day(start, 60), 10);
        assert_eq!(local_day(end, 60), 10);
        assert_eq!(local_day(end + 1, 60), 11);
    }

    /// A time zone like Central Europe's: +60 (winter) until `change`, +120
    /// (summer) from then on.
    fn spring_forward(change: u64) -> impl Fn(u64) -> i32 {
        move |ms| if ms < change { 60 } else { 120 }
    }

    #[test]
    fn entries_near_midnight_keep_their_day_across_a_daylight_saving_change() {
        // Clocks go forward at 01:00 UTC on day 20. An entry at 23:30 local on
        // day 19 (22:30 UTC, +60) and one at 00:30 local on day 21 (22:30 UTC
        // on day 20, +120).
        let change = 20 * DAY + HOUR;
        let before = 19 * DAY + 22 * HOUR + 30 * 60_000;
        let after = 20 * DAY + 22 * HOUR + 30 * 60_000;
        let entries = [at("a", before, Some(2)), at("b", after, Some(4))];
        let days: Vec<i64> = mood_series(&entries, spring_forward(change)).iter().map(|p| p.day).collect();
        assert_eq!(days, [19, 21]);
        // With today's summer offset for both, the first would move to day 20.
        let days: Vec<i64> = mood_series(&entries, |_| 120).iter().map(|p| p.day).collect();
        assert_eq!(days, [20, 21]);
    }

    #[test]
    fn the_day_the_clocks_change_is_23_hours_long_and_its_neighbours_are_whole() {
        let change = 20 * DAY + HOUR;
        let offset = spring_forward(change);
        let (start, end) = day_bounds(20, &offset);
        assert_eq!(start, 20 * DAY - HOUR); // midnight at +60
        assert_eq!(end + 1, 21 * DAY - 2 * HOUR); // next midnight at +120
        assert_eq!(end + 1 - start, 23 * HOUR);
        // The days either side meet it exactly: no gap, no overlap.
        assert_eq!(day_bounds(19, &offset).1 + 1, start);
        assert_eq!(day_bounds(21, &offset).0, end + 1);
        assert_eq!(day_bounds(21, &offset).1 + 1 - day_bounds(21, &offset).0, 24 * HOUR);
    }
}
