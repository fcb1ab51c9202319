//! A table of plain, left-aligned cells written exactly as comfy-table writes it with the
//! style of [`super::new_table`], without laying every cell out as strings first.
//!
//! A plan of a million connectors is a hundred tables of ten thousand rows; comfy-table
//! builds a `Vec<Vec<Vec<String>>>` of padded lines for each of them, which costs several
//! times what planning does. Here each column's width is measured once per cell and every
//! line goes straight into the writer. Only a table that fits its width whole is written
//! here (then comfy-table's dynamic arrangement gives every column its widest cell, as its
//! disabled arrangement does); one that must wrap is left to comfy-table, and tests hold the
//! two outputs equal byte for byte.

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

/// Rows of cells, `columns` to a row, and each column's widest line so far.
#[derive(Debug)]
pub(super) struct Grid<'a> {
    header: &'a [&'a str],
    cells: Vec<&'a str>,
    /// Each cell's width (of its widest line), measured once.
    shown: Vec<usize>,
    widths: Vec<usize>,
}

impl<'a> Grid<'a> {
    /// An empty table with `header`.
    pub(super) fn new(header: &'a [&'a str], rows: usize) -> Grid<'a> {
        let mut grid = Grid {
            header,
            cells: Vec::with_capacity(rows * header.len()),
            shown: Vec::with_capacity(rows * header.len()),
            widths: vec![1; header.len()],
        };
        for (k, h) in header.iter().enumerate() {
            grid.measure(k, h);
        }
        grid
    }

    /// Widens `column` to `cell`'s widest line; returns the cell's width.
    fn measure(&mut self, column: usize, cell: &str) -> usize {
        let width = match is_tall(cell) {
            true => cell.split('\n').map(shown).max().unwrap_or(0),
            false => shown(cell),
        };
        // comfy-table counts widths in u16.
        let width = width.min(usize::from(u16::MAX));
        if width > self.widths[column] {
            self.widths[column] = width;
        }
        width
    }

    /// Adds a row; it has as many cells as the header.
    pub(super) fn push(&mut self, row: &[&'a str]) {
        debug_assert_eq!(row.len(), self.header.len());
        for (k, cell) in row.iter().enumerate() {
            let width = self.measure(k, cell);
            self.shown.push(width);
        }
        self.cells.extend_from_slice(row);
    }

    /// The width of the whole table, borders included.
    pub(super) fn width(&self) -> usize {
        self.widths.iter().map(|w| w + 3).sum::<usize>() + 1
    }

    /// Writes the table as comfy-table's `Display` does (no line break after the last line);
    /// `None` when it is wider than `width`, so comfy-table must wrap it.
    pub(super) fn write(&self, width: Option<u16>, out: &mut dyn Write) -> Option<io::Result<()>> {
        let too_wide = width.is_some_and(|w| self.width() > usize::from(w));
        if too_wide || self.widths.iter().any(|&w| w + 2 > usize::from(u16::MAX)) {
            return None;
        }
        Some(self.write_all(out))
    }

    fn write_all(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut out = io::BufWriter::with_capacity(1 << 16, out);
        let mut line = String::with_capacity(self.width() * 3);
        self.border(&mut line, ['╭', '─', '┬', '╮']);
        line.push('\n');
        self.row(&mut line, self.header, None);
        self.border(&mut line, ['╞', '═', '╪', '╡']);
        out.write_all(line.as_bytes())?;
        let n = self.header.len();
        for (row, shown) in self.cells.chunks(n).zip(self.shown.chunks(n)) {
            line.clear();
            line.push('\n');
            self.row(&mut line, row, Some(shown));
            // The row's last line break is the next line's: strip it back off.
            line.pop();
            out.write_all(line.as_bytes())?;
        }
        line.clear();
        line.push('\n');
        self.border(&mut line, ['╰', '─', '┴', '╯']);
        out.write_all(line.as_bytes())?;
        out.flush()
    }

    /// A horizontal border: left corner, fill, junction, right corner.
    fn border(&self, line: &mut String, [left, fill, junction, right]: [char; 4]) {
        line.push(left);
        for (k, &w) in self.widths.iter().enumerate() {
            if k > 0 {
                line.push(junction);
            }
            line.extend(std::iter::repeat_n(fill, w + 2));
        }
        line.push(right);
    }

    /// A row's lines (a cell with line breaks spans several), each ending in a line break;
    /// `shown` has its cells' widths when they were measured.
    fn row(&self, line: &mut String, row: &[&str], shown: Option<&[usize]>) {
        if let Some(shown) = shown.filter(|_| !row.iter().any(|c| is_tall(c))) {
            line.push('│');
            for (k, ((cell, &width), &w)) in row.iter().zip(shown).zip(&self.widths).enumerate() {
                if k > 0 {
                    line.push('┆');
                }
                line.push(' ');
                line.push_str(cell);
                spaces(line, w - width + 1);
            }
            line.push_str("│\n");
            return;
        }
        let mut parts: Vec<std::str::Split<'_, char>> = row.iter().map(|c| c.split('\n')).collect();
        let height = row.iter().map(|c| c.split('\n').count()).max().unwrap_or(1);
        for _ in 0..height {
            let cells: Vec<Option<&str>> = parts.iter_mut().map(Iterator::next).collect();
            self.row_line(line, cells.into_iter());
            line.push('\n');
        }
    }

    /// One line of a row: each cell's text (`None` past its last line) padded to its column.
    fn row_line<'c>(&self, line: &mut String, cells: impl Iterator<Item = Option<&'c str>>) {
        line.push('│');
        for (k, (cell, &w)) in cells.zip(&self.widths).enumerate() {
            if k > 0 {
                line.push('┆');
            }
            let text = cell.unwrap_or("");
            line.push(' ');
            line.push_str(text);
            let shown = match cell {
                Some(t) => shown(t),
                // comfy-table fills a cell's missing line with the column's width in spaces,
                // padding included.
                None => 0,
            };
            spaces(line, w.saturating_sub(shown) + 1);
        }
        line.push('│');
    }
}

/// The display width of one line of a cell, as comfy-table measures it.
fn shown(line: &str) -> usize {
    match line.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        true => line.len(),
        false => line.width(),
    }
}

/// Whether a cell spans several lines.
fn is_tall(cell: &str) -> bool {
    cell.as_bytes().contains(&b'\n')
}

/// Appends `n` spaces.
fn spaces(line: &mut String, mut n: usize) {
    const SPACES: &str = "                                                                ";
    while n > 0 {
        let k = n.min(SPACES.len());
        line.push_str(&SPACES[..k]);
        n -= k;
    }
}
