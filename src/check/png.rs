//! Just enough PNG for the icon rule: the size, and the colour of the top-left pixel.
//!
//! The first pixel of the first scanline is stored as it is whatever the row's filter
//! (every PNG filter predicts it from zeros) and is the first pixel of Adam7's first pass,
//! so only the first few inflated bytes are needed: no image crate, only miniz_oxide, which
//! golive already builds (through miette's backtraces).

/// What the icon rule needs to know about a PNG.
pub struct Icon {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// The top-left pixel as RGBA, when golive could read it.
    pub corner: Option<[u8; 4]>,
}

/// Reads a PNG's header and first pixel; `None` when it is not a PNG.
pub fn read(bytes: &[u8]) -> Option<Icon> {
    let rest = bytes.strip_prefix(b"\x89PNG\r\n\x1a\n")?;
    let mut chunks = Chunks(rest);
    let (kind, ihdr) = chunks.next()?;
    if kind != *b"IHDR" || ihdr.len() < 13 {
        return None;
    }
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    let (width, height) = (be(&ihdr[0..4]), be(&ihdr[4..8]));
    let (depth, color) = (ihdr[8], ihdr[9]);
    let mut palette: &[u8] = &[];
    let mut transparency: &[u8] = &[];
    let mut data = Vec::new();
    for (kind, body) in chunks {
        match &kind {
            b"PLTE" => palette = body,
            b"tRNS" => transparency = body,
            b"IDAT" => data.extend_from_slice(body),
            b"IEND" => break,
            _ => {}
        }
    }
    // A filter byte and one pixel of at most 8 bytes.
    let raw = match miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&data, 16) {
        Ok(v) => v,
        Err(e) => e.output,
    };
    let corner = first_pixel(
        raw.get(1..).unwrap_or(&[]),
        depth,
        color,
        palette,
        transparency,
    );
    Some(Icon {
        width,
        height,
        corner,
    })
}

fn first_pixel(px: &[u8], depth: u8, color: u8, palette: &[u8], trns: &[u8]) -> Option<[u8; 4]> {
    // A sample's most significant byte (16-bit) or its value scaled to 8 bits (1, 2, 4).
    let sample = |i: usize| -> Option<u8> {
        match depth {
            16 => px.get(i * 2).copied(),
            8 => px.get(i).copied(),
            1 | 2 | 4 => {
                let v = px.first()? >> (8 - depth);
                Some((v as u32 * 255 / ((1u32 << depth) - 1)) as u8)
            }
            _ => None,
        }
    };
    match color {
        0 => {
            let g = sample(0)?;
            // tRNS names one grey level as transparent, in the image's own bit depth.
            let raw = match depth {
                16 => u16::from_be_bytes([*px.first()?, *px.get(1)?]),
                8 => *px.first()? as u16,
                _ => u16::MAX,
            };
            let transparent = trns.len() >= 2 && u16::from_be_bytes([trns[0], trns[1]]) == raw;
            Some([g, g, g, if transparent { 0 } else { 255 }])
        }
        2 => Some([sample(0)?, sample(1)?, sample(2)?, 255]),
        3 => {
            let index = match depth {
                8 => *px.first()? as usize,
                1 | 2 | 4 => (px.first()? >> (8 - depth)) as usize,
                _ => return None,
            };
            let rgb = palette.get(index * 3..index * 3 + 3)?;
            let a = trns.get(index).copied().unwrap_or(255);
            Some([rgb[0], rgb[1], rgb[2], a])
        }
        4 => {
            let g = sample(0)?;
            Some([g, g, g, sample(1)?])
        }
        6 => Some([sample(0)?, sample(1)?, sample(2)?, sample(3)?]),
        _ => None,
    }
}

/// A PNG's chunks as (type, body); stops at the first truncated one.
struct Chunks<'a>(&'a [u8]);

impl<'a> Iterator for Chunks<'a> {
    type Item = ([u8; 4], &'a [u8]);

    fn next(&mut self) -> Option<Self::Item> {
        let b = self.0;
        let len = u32::from_be_bytes(b.get(0..4)?.try_into().ok()?) as usize;
        let kind: [u8; 4] = b.get(4..8)?.try_into().ok()?;
        let body = b.get(8..8usize.checked_add(len)?)?;
        self.0 = b.get(12 + len..).unwrap_or(&[]);
        Some((kind, body))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 2 x 1 RGBA PNG whose first pixel is `px`, zlib-compressed by miniz_oxide.
    pub(crate) fn png(px: [u8; 4], color: u8) -> Vec<u8> {
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut chunk = |kind: &[u8], body: &[u8]| {
            out.extend_from_slice(&(body.len() as u32).to_be_bytes());
            out.extend_from_slice(kind);
            out.extend_from_slice(body);
            out.extend_from_slice(&[0; 4]);
        };
        let mut ihdr = Vec::new();
        ihdr.extend_from_slice(&230u32.to_be_bytes());
        ihdr.extend_from_slice(&230u32.to_be_bytes());
        ihdr.extend_from_slice(&[8, color, 0, 0, 0]);
        chunk(b"IHDR", &ihdr);
        let n = if color == 6 { 4 } else { 3 };
        let mut row = vec![1u8];
        row.extend_from_slice(&px[..n]);
        row.extend_from_slice(&[0; 4]);
        chunk(
            b"IDAT",
            &miniz_oxide::deflate::compress_to_vec_zlib(&row, 6),
        );
        chunk(b"IEND", &[]);
        out
    }

    #[test]
    fn reads_size_and_corner() {
        let icon = read(&png([0x12, 0x34, 0x56, 0x78], 6)).unwrap();
        assert_eq!((icon.width, icon.height), (230, 230));
        assert_eq!(icon.corner, Some([0x12, 0x34, 0x56, 0x78]));
        let icon = read(&png([1, 2, 3, 0], 2)).unwrap();
        assert_eq!(icon.corner, Some([1, 2, 3, 255]));
    }

    #[test]
    fn not_a_png() {
        assert!(read(b"GIF89a").is_none());
        assert!(read(b"\x89PNG\r\n\x1a\n\0\0").is_none());
        let mut truncated = png([1, 2, 3, 4], 6);
        truncated.truncate(40);
        assert!(read(&truncated).is_some_and(|i| i.corner.is_none()));
    }
}
