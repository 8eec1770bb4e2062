// combinators.cpp — wait, wait_for, as_completed, shield, timeout, TaskGroup
// (placeholder: being written).
#include "asyncio.h"

bool td_asyncio_init_combinators(TdThread *, TdValue) { return true; }
