//! gzip input: `X.gz` files and gzip data on standard input are decompressed as they are read
//! (all members, as `cat a.gz b.gz` makes). A single document is read only up to the size limit,
//! so a gzip bomb cannot exhaust memory; JSON Lines are bounded line by line.

use crate::ErrorKind;
use crate::detect::is_gzip;
use flate2::read::MultiGzDecoder;
use std::io::{self, Cursor, Read};

/// A readable stream of bytes.
pub(crate) type Stream = Box<dyn Read + Send>;

/// True for a file name ending in `.gz` (any case).
pub(crate) fn has_gz_extension(name: &str) -> bool {
    crate::sidecar::ends_with_ignore_case(name, ".gz")
}

/// Reads up to `n` bytes from the start of `r` and returns them with a stream that still yields
/// every byte of `r` from the start.
pub(crate) fn peek(mut r: Stream, n: usize) -> io::Result<(Vec<u8>, Stream)> {
    let mut head = Vec::with_capacity(n);
    (&mut r).take(n as u64).read_to_end(&mut head)?;
    let again = Cursor::new(head.clone()).chain(r);
    Ok((head, Box::new(again)))
}

/// Wraps `r` in a gzip decoder when it starts with the gzip magic bytes (or `force`).
/// Returns the stream and whether it decompresses.
pub(crate) fn maybe_decompress(r: Stream, force: bool) -> io::Result<(Stream, bool)> {
    let (head, r) = peek(r, 2)?;
    if force || is_gzip(&head) {
        Ok((Box::new(MultiGzDecoder::new(r)), true))
    } else {
        Ok((r, false))
    }
}

/// Reads the whole of `r`, failing once it yields more than `limit` bytes.
pub(crate) fn read_limited(
    r: &mut dyn Read,
    limit: usize,
    decompressing: bool,
    capacity: usize,
) -> Result<Vec<u8>, ErrorKind> {
    let mut bytes = Vec::with_capacity(capacity.min(limit.saturating_add(1)));
    r.take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| {
            if decompressing {
                ErrorKind::Decompress(e)
            } else {
                ErrorKind::Io(e)
            }
        })?;
    if bytes.len() > limit {
        return Err(ErrorKind::TooLarge { size: None, limit });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::Compression;
    use flate2::write::GzEncoder;
    use std::io::Write;

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), Compression::fast());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn multi_member_and_limit() {
        let mut data = gz(b"hello ");
        data.extend(gz(b"world"));
        let (mut r, z) = maybe_decompress(Box::new(Cursor::new(data)), false).unwrap();
        assert!(z);
        assert_eq!(read_limited(&mut r, 100, z, 0).unwrap(), b"hello world");

        let bomb = gz(&vec![b'a'; 1 << 20]);
        let (mut r, z) = maybe_decompress(Box::new(Cursor::new(bomb)), false).unwrap();
        assert!(matches!(
            read_limited(&mut r, 1000, z, 0),
            Err(ErrorKind::TooLarge { .. })
        ));
    }

    #[test]
    fn plain_passes_through() {
        let (mut r, z) = maybe_decompress(Box::new(Cursor::new(b"x".to_vec())), false).unwrap();
        assert!(!z);
        assert_eq!(read_limited(&mut r, 1, z, 0).unwrap(), b"x");
        let (mut r, _) = maybe_decompress(Box::new(Cursor::new(b"xy".to_vec())), false).unwrap();
        assert!(matches!(
            read_limited(&mut r, 1, false, 0),
            Err(ErrorKind::TooLarge { .. })
        ));
    }
}
