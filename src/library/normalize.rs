//! Text normalization shared by matching: NFC, case folding, Hangul initial consonants.
