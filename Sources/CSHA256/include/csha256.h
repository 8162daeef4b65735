// SHA-256 block compression for hedgesim's run and data digests (FIPS 180-4).
//
// `hs_sha256_blocks` uses the x86 SHA extensions when the processor has them (checked once at
// run time), else a portable C implementation. Both give the same bytes on every platform.
#ifndef HEDGESIM_CSHA256_H
#define HEDGESIM_CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// Compresses `blocks` 64-byte blocks at `data` into the eight-word `state`.
void hs_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

/// The portable implementation alone (tests compare it with the hardware path).
void hs_sha256_blocks_portable(uint32_t state[8], const uint8_t *data, size_t blocks);

/// 1 when `hs_sha256_blocks` uses the SHA extensions.
int hs_sha256_hardware(void);

#endif
