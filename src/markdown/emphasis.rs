//! CJK-friendly emphasis (to be written).
