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
pub fn day_bounds(day: i64, utc_offset_min: i32) -> (u64, u64) {
    let start = day
        .saturating_mul(MS_PER_DAY)
        .saturating_sub(i64::from(utc_offset_min) * MS_PER_MINUTE);
    let end = start.saturating_add(MS_PER_DAY - 1);
    (
        u64::try_from(start).unwrap_or(0),
        u64::try_from(end).unwrap_or(0),
    )
}

/// The mean mood per local day, days in order, entries without a mood left out.
///
/// One offset is used for every entry, so across a daylight-saving change an
/// entry written within an hour of midnight may count towards the day beside it.
pub fn mood_series<'a>(
    entries: impl IntoIterator<Item = &'a Entry>,
    utc_offset_min: i32,
) -> Vec<MoodPoint> {
    let mut days: BTreeMap<i64, (u32, usize)> = BTreeMap::new();
    for entry in entries {
        if let Some(mood) = entry.mood {
            let day = days
                .entry(local_day(entry.created, utc_offset_min))
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
            mood_series(&entries, 0),
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
            mood_series(&entries, 0),
            vec![MoodPoint {
                day: 1,
                mean: 1.0,
                count: 1
            }]
        );
        assert!(mood_series(&[at("x", DAY, None)], 0).is_empty());
    }

    #[test]
    fn the_time_zone_offset_moves_an_entry_to_its_local_day() {
        // 23:30 UTC on day 10: already day 11 in Berlin (+60), still day 10 in New York (-300).
        let late = 10 * DAY + 23 * HOUR + 30 * 60_000;
        let entries = [at("a", late, Some(4))];
        assert_eq!(mood_series(&entries, 60)[0].day, 11);
        assert_eq!(mood_series(&entries, 0)[0].day, 10);
        // 01:00 UTC on day 10 is still day 9 in New York.
        assert_eq!(local_day(10 * DAY + HOUR, -300), 9);
    }

    #[test]
    fn a_negative_offset_just_after_1970_gives_a_negative_day() {
        assert_eq!(local_day(HOUR, -120), -1);
    }

    #[test]
    fn day_bounds_cover_exactly_one_local_day() {
        let (start, end) = day_bounds(10, 60);
        assert_eq!(start, 10 * DAY - HOUR);
        assert_eq!(end, 11 * DAY - HOUR - 1);
        assert_eq!(local_day(start, 60), 10);
        assert_eq!(local_day(end, 60), 10);
        assert_eq!(local_day(end + 1, 60), 11);
    }
}
