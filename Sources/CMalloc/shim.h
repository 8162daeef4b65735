// glibc's malloc tuning (mallopt); nothing elsewhere.
#if defined(__linux__)
#include <malloc.h>
#endif
