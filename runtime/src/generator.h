// generator.h — generator objects (generator.cpp; the frame protocol is in
// abi.h, TdGenHead).
#pragma once

#include "object.h"

extern "C" TdType td_type_generator;

inline bool td_is_generator(TdValue v) {
  return v && !td_is_small(v) && td_obj(v)->type == &td_type_generator;
}

// next(gen) for builtins.next: the yielded value, or 0 with
// StopIteration(return value) raised (the value a plain iterator's TD_DONE
// would lose).
TdValue td_gen_next_or_stop(TdThread *ts, TdValue gen);
