// class.cpp — user-defined classes (placeholder until the classes work lands).
#include "errors.h"
#include "object.h"

extern "C" TdValue td_build_class(TdThread *ts, TdValue, TdValue, TdValue, TdValue) {
  td_err_set(ts, &td_type_NotImplementedError, "classes are not supported yet");
  return 0;
}

extern "C" TdValue td_super0(TdThread *ts, TdFunction *, TdValue) {
  td_err_set(ts, &td_type_NotImplementedError, "super() is not supported yet");
  return 0;
}

extern "C" TdValue td_dict_lookup(TdThread *ts, TdValue, TdValue) {
  td_err_set(ts, &td_type_NotImplementedError, "class bodies are not supported yet");
  return 0;
}
