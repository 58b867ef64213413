// SHA-256 (FIPS 180-4) of a byte string or a file, as lowercase hex: the fingerprint of a run's inputs in
// its provenance (io/provenance.h), the same as `sha256sum` prints.
#pragma once

#include <string>

namespace cspine
{
/// The digest of `bytes`, 64 hex digits.
std::string sha256_hex(const std::string &bytes);

/// The digest of the file at `path`; throws std::runtime_error naming it if it cannot be read.
std::string sha256_of_file(const std::string &path);
} // namespace cspine
