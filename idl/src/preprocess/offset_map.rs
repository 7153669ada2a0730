//! [`OffsetMap`]: where each byte of a translation unit came from.
//!
//! The unit is a sequence of segments. A copy segment is a run of bytes copied verbatim from one
//! file, so a unit offset maps to the same distance into the file. An expansion segment is the
//! text a macro expanded to: every byte of it maps to the macro's use site.

use std::ops::Range;

use crate::source::{FileId, Span};

/// Maps byte offsets of a translation unit back to source files.
#[derive(Clone, Debug, Default)]
pub struct OffsetMap {
    segments: Vec<Segment>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Segment {
    unit_start: u32,
    file: FileId,
    file_start: u32,
    /// For an expansion, the length of the use site; 0 for a copy.
    len_in_file: u32,
    /// A macro expansion: every byte of the segment maps to the macro use site.
    expanded: bool,
}

impl OffsetMap {
    /// Records that the bytes starting at `unit_start` are copied from `file` at `file_start`.
    ///
    /// Segments must be pushed in increasing `unit_start` order. A copy that simply continues the
    /// previous one is merged into it, and a segment starting where the previous one starts
    /// replaces it (the previous one was empty).
    pub fn push_copy(&mut self, unit_start: usize, file: FileId, file_start: usize) {
        let unit_start = to_u32(unit_start);
        let file_start = to_u32(file_start);
        if let Some(last) = self.segments.last()
            && !last.expanded
            && last.file == file
            && unit_start >= last.unit_start
            && last.file_start.checked_add(unit_start - last.unit_start) == Some(file_start)
        {
            return;
        }
        self.push(Segment {
            unit_start,
            file,
            file_start,
            len_in_file: 0,
            expanded: false,
        });
    }

    /// Records that the bytes starting at `unit_start` are the expansion of a macro used at
    /// `use_site`: they all map to that use site.
    pub fn push_expansion(&mut self, unit_start: usize, use_site: Span) {
        self.push(Segment {
            unit_start: to_u32(unit_start),
            file: use_site.file,
            file_start: use_site.start,
            len_in_file: use_site.end.saturating_sub(use_site.start),
            expanded: true,
        });
    }

    fn push(&mut self, segment: Segment) {
        match self.segments.last_mut() {
            Some(last) if last.unit_start >= segment.unit_start => *last = segment,
            _ => self.segments.push(segment),
        }
    }

    /// The file and byte offset that unit offset `offset` came from. Offsets past the end map
    /// past the end of the last segment; an empty map sends everything to offset 0 of file 0.
    pub fn locate(&self, offset: usize) -> (FileId, u32) {
        match self.segment_at(offset) {
            Some(segment) if segment.expanded => (segment.file, segment.file_start),
            Some(segment) => (
                segment.file,
                segment
                    .file_start
                    .saturating_add(to_u32(offset).saturating_sub(segment.unit_start)),
            ),
            None => (FileId::default(), 0),
        }
    }

    /// Whether unit offset `offset` lies in the expansion of a macro.
    pub fn is_expansion(&self, offset: usize) -> bool {
        self.segment_at(offset).is_some_and(|s| s.expanded)
    }

    /// The source span of unit byte range `range`. A range that crosses into another file is cut
    /// at the end of the file it starts in; a range inside one macro expansion covers the macro's
    /// use site.
    pub fn span(&self, range: Range<usize>) -> Span {
        let (file, start) = self.locate(range.start);
        if range.end <= range.start {
            return Span {
                file,
                start,
                end: start,
            };
        }
        let (end_file, last) = self.locate(range.end - 1);
        let expanded_start = self
            .segment_at(range.start)
            .filter(|s| s.expanded)
            .map(|s| s.len_in_file);
        let end = if end_file == file && last >= start {
            match expanded_start {
                Some(len) if last == start => start.saturating_add(len),
                _ => last.saturating_add(1),
            }
        } else {
            start.saturating_add(1)
        };
        Span { file, start, end }
    }

    /// Number of segments (for tests and statistics).
    pub fn segment_count(&self) -> usize {
        self.segments.len()
    }

    /// The verbatim copy that unit offset `offset` lies in, for callers that map many nearby
    /// offsets (the parser caches it): its unit byte range, its file, and the file offset its
    /// first byte came from. Within the range, [`span`](Self::span) is a plain shift:
    /// `start..end` maps to `file_start + (start - range.start)..file_start + (end - range.start)`.
    /// The last copy's range runs to `usize::MAX`, as offsets past the end map past its end.
    /// `None` inside a macro expansion and for an empty map.
    pub fn copy_at(&self, offset: usize) -> Option<(Range<usize>, FileId, u32)> {
        let unit_offset = to_u32(offset);
        let index = self
            .segments
            .partition_point(|s| s.unit_start <= unit_offset)
            .checked_sub(1)?;
        let segment = self.segments.get(index)?;
        if segment.expanded {
            return None;
        }
        let end = self
            .segments
            .get(index + 1)
            .map_or(usize::MAX, |next| next.unit_start as usize);
        Some((
            segment.unit_start as usize..end,
            segment.file,
            segment.file_start,
        ))
    }

    fn segment_at(&self, offset: usize) -> Option<Segment> {
        let offset = to_u32(offset);
        let index = self.segments.partition_point(|s| s.unit_start <= offset);
        index
            .checked_sub(1)
            .and_then(|i| self.segments.get(i))
            .copied()
    }
}

/// Offsets are stored as `u32` (the preprocessor refuses units past that size); saturate rather
/// than wrap if one ever is not.
fn to_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: FileId = FileId(0);
    const B: FileId = FileId(1);

    #[test]
    fn copies_map_by_distance_and_merge_when_contiguous() {
        let mut map = OffsetMap::default();
        map.push_copy(0, A, 10);
        map.push_copy(5, A, 15); // continues the first copy
        map.push_copy(8, B, 0);
        assert_eq!(map.segment_count(), 2);
        assert_eq!(map.locate(0), (A, 10));
        assert_eq!(map.locate(7), (A, 17));
        assert_eq!(map.locate(8), (B, 0));
        assert_eq!(map.locate(12), (B, 4));
        assert_eq!(map.span(2..5), Span::new(A, 12..15));
        // A range crossing into another file is cut.
        assert_eq!(map.span(6..10), Span::new(A, 16..17));
        assert_eq!(map.span(3..3), Span::new(A, 13..13));
    }

    #[test]
    fn expansions_map_to_the_use_site() {
        let mut map = OffsetMap::default();
        map.push_copy(0, A, 0);
        map.push_expansion(4, Span::new(A, 4..7));
        map.push_copy(6, A, 7);
        assert_eq!(map.locate(4), (A, 4));
        assert_eq!(map.locate(5), (A, 4));
        assert!(map.is_expansion(5));
        assert!(!map.is_expansion(6));
        assert_eq!(map.locate(6), (A, 7));
        assert_eq!(map.span(4..6), Span::new(A, 4..7));
        assert_eq!(map.span(5..6), Span::new(A, 4..7));
    }

    #[test]
    fn an_empty_segment_is_replaced() {
        let mut map = OffsetMap::default();
        map.push_copy(0, A, 0);
        map.push_expansion(3, Span::new(A, 3..5));
        map.push_copy(3, A, 5);
        assert_eq!(map.segment_count(), 2);
        assert_eq!(map.locate(3), (A, 5));
        assert!(!map.is_expansion(3));
    }

    #[test]
    fn copy_at_gives_the_run_that_span_shifts_within() {
        let mut map = OffsetMap::default();
        map.push_copy(0, A, 10);
        map.push_expansion(4, Span::new(A, 14..17));
        map.push_copy(6, B, 3);
        assert_eq!(map.copy_at(2), Some((0..4, A, 10)));
        assert_eq!(map.copy_at(5), None);
        assert_eq!(map.copy_at(9), Some((6..usize::MAX, B, 3)));
        assert_eq!(map.span(7..9), Span::new(B, 4..6));
        assert_eq!(OffsetMap::default().copy_at(0), None);
    }

    #[test]
    fn an_empty_map_points_at_the_start() {
        let map = OffsetMap::default();
        assert_eq!(map.locate(0), (FileId(0), 0));
        assert_eq!(map.span(0..4), Span::new(FileId(0), 0..1));
    }
}
