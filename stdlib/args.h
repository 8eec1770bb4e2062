// args.h — argument readers shared by stdlib modules (header-only).
#pragma once

#include <cmath>

#include "errors.h"
#include "values.h"

// CPython's _PyTime_FromSecondsObject: seconds from an int or a float, as
// time.sleep and _thread's lock.acquire(timeout=) read them.  TypeError for
// other types, ValueError for NaN, OverflowError where the value in
// nanoseconds does not fit an int64 (_PyTime_t), with CPython's message for
// an int and its other one for a float.  Callers check their own ranges
// (sign, -1) after it.
inline void td_seconds_overflow(TdThread *ts, bool fromInt) {
  td_err_set(ts, &td_type_OverflowError,
             fromInt ? "timestamp too large to convert to C _PyTime_t"
                     : "timestamp out of range for platform time_t");
}

inline bool td_seconds_arg(TdThread *ts, TdValue v, double *out) {
  bool isInt = td_is_int(v);
  if (td_is_float(v)) {
    *out = td_float_val(v);
    if (std::isnan(*out)) {
      td_err_set(ts, &td_type_ValueError, "Invalid value NaN (not a number)");
      return false;
    }
  } else if (isInt) {
    if (!td_int_to_double(ts, v, out)) {
      td_err_clear(ts);
      *out = 1e300; // too large either way
    }
  } else {
    td_err_format(ts, &td_type_TypeError, "'%s' object cannot be interpreted as an integer",
                  td_type_name(v));
    return false;
  }
  if (std::fabs(*out) * 1e9 >= 9.2233720368547758e18) {
    td_seconds_overflow(ts, isInt);
    return false;
  }
  return true;
}
