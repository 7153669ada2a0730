//! [`Shape`]: how a multi-dimensional array is flattened, row-major, for the wire.
//!
//! IDL `long m[2][3]` is `[[i32; 3]; 2]` in Rust and six `int32` values on the wire. Generated
//! code names the array's shape with one [`Nest`] per dimension after the first around a
//! [`Leaf`]: `[T; N]` is `Leaf`, `[[T; M]; N]` is `Nest<Leaf>`, and so on. The shape is a type,
//! not a count, so an array *of* arrays (a typedef'd row in an array) stays distinguishable
//! from a two-dimensional array: their wire forms differ.

use std::marker::PhantomData;

/// A way to see a slice of `A` (the rows of an array) as a flat slice of cells.
pub trait Shape<A> {
    /// The element type of the flattened array.
    type Cell;

    /// The cells of `rows`, row-major.
    fn flat(rows: &[A]) -> &[Self::Cell];

    /// The cells of `rows`, row-major, for writing.
    fn flat_mut(rows: &mut [A]) -> &mut [Self::Cell];

    /// A row whose every cell is made by `cell`.
    fn fill(cell: &mut dyn FnMut() -> Self::Cell) -> A;
}

/// The innermost dimension: each row is a cell.
#[derive(Debug)]
pub struct Leaf;

/// One more dimension around `S`: each row is an array of `S`'s rows.
#[derive(Debug)]
pub struct Nest<S>(PhantomData<S>);

impl<T> Shape<T> for Leaf {
    type Cell = T;

    fn flat(rows: &[T]) -> &[T] {
        rows
    }

    fn flat_mut(rows: &mut [T]) -> &mut [T] {
        rows
    }

    fn fill(cell: &mut dyn FnMut() -> T) -> T {
        cell()
    }
}

impl<B, const M: usize, S: Shape<B>> Shape<[B; M]> for Nest<S> {
    type Cell = S::Cell;

    fn flat(rows: &[[B; M]]) -> &[S::Cell] {
        S::flat(rows.as_flattened())
    }

    fn flat_mut(rows: &mut [[B; M]]) -> &mut [S::Cell] {
        S::flat_mut(rows.as_flattened_mut())
    }

    fn fill(cell: &mut dyn FnMut() -> S::Cell) -> [B; M] {
        std::array::from_fn(|_| S::fill(cell))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrays_flatten_row_major() {
        let cube = [[[1, 2], [3, 4]], [[5, 6], [7, 8]], [[9, 10], [11, 12]]];
        let flat = <Nest<Nest<Leaf>> as Shape<[[i32; 2]; 2]>>::flat(&cube);
        assert_eq!(flat, (1..=12).collect::<Vec<_>>());
        let mut next = 0;
        let grid: [[u8; 3]; 2] = std::array::from_fn(|_| {
            <Nest<Leaf> as Shape<[u8; 3]>>::fill(&mut || {
                next += 1;
                next
            })
        });
        assert_eq!(grid, [[1, 2, 3], [4, 5, 6]]);
    }
}
