#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../checks/mod.rs"]
#[allow(dead_code)] // each target uses one check
mod checks;

fuzz_target!(|data: &[u8]| checks::render(data));
