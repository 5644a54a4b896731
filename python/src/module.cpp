// The `cskpi._cskpi` extension: the calls of state_calls.hpp and field_columns.hpp for Python.
// Arguments are converted while the GIL is held; loading, merging, finishing and rendering run
// with it released; cskpi::Error becomes cskpi.Error (a ValueError) with the same message.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cmath>
#include <exception>
#include <limits>
#include <tuple>

#include "cskpi/error.hpp"
#include "field_columns.hpp"
#include "state_calls.hpp"

namespace py = pybind11;

namespace cskpi::python {
namespace {

using InputTuple = std::tuple<std::string, std::string, bool>;

py::bytes partial(const std::vector<Option>& options, const std::vector<InputTuple>& items) {
  std::vector<Input> inputs;
  inputs.reserve(items.size());
  for (const auto& [kind, text, is_file] : items) inputs.push_back(Input{kind, text, is_file});
  std::string state;
  {
    const py::gil_scoped_release release;
    state = partial_state(options, inputs);
  }
  return py::bytes(state);
}

py::bytes merge(const std::vector<std::string>& states) {
  std::string merged;
  {
    const py::gil_scoped_release release;
    merged = merge_states(states);
  }
  return py::bytes(merged);
}

Report finish(const std::string& state, unsigned threads) {
  const py::gil_scoped_release release;
  return finish_state(state, threads);
}

std::string render_report(const Report& report, const std::string& format) {
  const py::gil_scoped_release release;
  return render_text(report, format);
}

/// The field table as a dict of lists; null and text values are NaN in `value`.
py::dict columns(const Report& report) {
  FieldColumns c;
  {
    const py::gil_scoped_release release;
    c = field_columns(report);
  }
  py::list groups;
  for (const GroupLabels& g : c.groups) groups.append(py::make_tuple(py::tuple(py::cast(g.by)), py::tuple(py::cast(g.key))));
  std::vector<double> value;
  value.reserve(c.value.size());
  for (const auto& v : c.value) value.push_back(v.value_or(std::numeric_limits<double>::quiet_NaN()));
  py::dict out;
  out["groups"] = groups;
  out["group"] = py::cast(c.group);
  out["metric"] = py::cast(c.metric);
  out["field"] = py::cast(c.field);
  out["unit"] = py::cast(c.unit);
  out["value"] = py::cast(value);
  out["text"] = py::cast(c.text);
  return out;
}

/// cskpi::Error → cskpi.Error(message), its `code` the ErrorCode's name.
void translate_error(std::exception_ptr p) {
  try {
    if (p) std::rethrow_exception(p);
  } catch (const Error& e) {
    const py::object type = py::module_::import("cskpi._cskpi").attr("Error");
    const py::object error = type(e.what());
    error.attr("code") = to_string(e.code());
    PyErr_SetObject(type.ptr(), error.ptr());
  }
}

void define_module(py::module_& m) {
  m.doc() = "cskpi's partial states, merge and reports (use the cskpi package, not this module)";
  const py::exception<Error> error(m, "Error", PyExc_ValueError);
  error.attr("__module__") = "cskpi";
  error.attr("code") = py::none();
  py::register_exception_translator(&translate_error);
  m.def("partial", &partial, py::arg("options"), py::arg("inputs"),
        "The partial state of a run: options as (name, value) text pairs, inputs as (kind, path or JSON, is_file)");
  m.def("merge", &merge, py::arg("states"), "States (bytes) merged into one state");
  py::class_<Report>(m, "FinishedReport", "A state finished into a report")
      .def(py::init(&finish), py::arg("state"), py::arg("threads") = 0)
      .def("render", &render_report, py::arg("format"))
      .def("columns", &columns);
}

}  // namespace
}  // namespace cskpi::python

PYBIND11_MODULE(_cskpi, m) { cskpi::python::define_module(m); }
