#ifndef HEDGESIM_CZSTD_SHIM_H
#define HEDGESIM_CZSTD_SHIM_H
#include <zstd.h>
#endif
