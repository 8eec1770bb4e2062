// queues.cpp — asyncio's queues (placeholder: being written).
#include "asyncio.h"

bool td_asyncio_init_queues(TdThread *, TdValue) { return true; }
