// Python source -> ModelSpec, for the Sequential API as tutorials and blogs write it.
//
// The subset (python_parser.hpp has the grammar):
//   * import / from-import: remembered as aliases (`from tensorflow.keras import layers`), never run.
//   * assignments of values: int, float, str, True/False/None, tuples, lists, dicts, arithmetic
//     (28*28, img_width // 2, (None,) + input_shape), names assigned earlier, unpacking
//     (img_rows, img_cols = 28, 28), and the builtins int/float/len/tuple/list/abs/min/max/round/bool.
//   * model = Sequential() | Sequential(name='x') | keras.Sequential([...]) |
//     tf.keras.models.Sequential([...], name=...); any module prefix is accepted.
//   * model.add(Layer(...)), model.pop(), model.build(input_shape); every other method call on a
//     model (compile, summary, fit, ...) is ignored without evaluating its arguments, as are other
//     calls used as statements (print(...), plt.show()).
//   * layer calls Conv2D(...), layers.Conv2D(...), tf.keras.layers.Conv2D(...): positional
//     arguments are named by the layer registry; keyword arguments are copied to the config,
//     with input_shape (+ batch_size) / input_dim lowered to Keras's "batch_input_shape".
//   * Input(shape=...) / keras.Input(...) / layers.InputLayer(input_shape=...) become an InputLayer.
//   * tf.nn.relu / keras.activations.relu as a value become the activation name "relu";
//     tf.float32 becomes "float32".
//   * x.trainable = False on a layer or model variable marks it (and a model's layers) frozen.
// Which model is the result: the most recently constructed Sequential that ends up with at
// least one layer (else the most recently constructed one). Values PadLab cannot compute
// (data loaded at run time, unknown functions) are carried along unevaluated and only refused
// when a layer needs them. Everything else is a located ParseError / UnsupportedError.
#include <cmath>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/base/errors.hpp"
#include "core/import/import_model.hpp"
#include "core/import/python_parser.hpp"
#include "core/import/source_text.hpp"
#include "core/model/layers/layer_registry.hpp"

namespace padlab {

namespace {

using importer::Expr;
using importer::Stmt;
using nlohmann::json;

// Caps that keep adversarial snippets cheap ([x] * 10**9, s = s + s, ...).
constexpr std::size_t kMaxValueElements = 100000;
constexpr std::size_t kMaxModelElements = 1000000;  // config values over all layers of a model
constexpr std::size_t kMaxStringBytes = std::size_t(1) << 20;
constexpr std::size_t kWorkBudget = 50000000;

struct LayerObj {
    std::string class_name;
    json config = json::object();
    int line = 0;
    int column = 0;
    std::size_t weight = 1;
    std::string source;  // the call's text, for messages about an unknown class's result
};

struct ModelObj {
    std::string name;
    std::vector<std::shared_ptr<LayerObj>> layers;
    std::size_t weight = 0;  // sum of the layers' weights
    json build_shape;  // from model.build(...); null when not built
};

// Where an unevaluated value comes from, for the message when a layer needs it.
struct Origin {
    std::string text;           // "mnist.load_data()"
    int line = 0;
    std::string reason;         // why it could not be evaluated, when known
    std::string unknown_class;  // set when it is a call of an unknown class/function
};

struct Value {
    enum class Kind { None, Bool, Int, Float, Str, Tuple, List, Dict, Layer, Object, Model, Method, Path, Opaque };
    Kind kind = Kind::None;
    bool b = false;
    std::int64_t i = 0;
    double f = 0.0;
    // Str: the text. Path: the dotted module path. Method: the method name. Opaque: its source.
    std::shared_ptr<const std::string> s;
    std::shared_ptr<const std::vector<Value>> items;  // Tuple, List; Dict as key0, value0, key1, ...
    std::shared_ptr<LayerObj> layer;                  // Layer; Object (a call of an unknown class)
    std::shared_ptr<ModelObj> model;                  // Model, Method
    std::shared_ptr<const Origin> origin;             // Opaque
    bool bare = false;  // Path: one name that is neither defined nor imported (maybe a builtin)
    std::size_t weight = 1;
    int depth = 1;

    const std::string& str() const {
        static const std::string empty;
        return s ? *s : empty;
    }
};

Value make_none() { return Value{}; }
Value make_bool(bool b) {
    Value v;
    v.kind = Value::Kind::Bool;
    v.b = b;
    return v;
}
Value make_int(std::int64_t i) {
    Value v;
    v.kind = Value::Kind::Int;
    v.i = i;
    return v;
}
Value make_float(double f) {
    Value v;
    v.kind = Value::Kind::Float;
    v.f = f;
    return v;
}
Value make_text(Value::Kind kind, std::string s) {
    Value v;
    v.kind = kind;
    v.s = std::make_shared<const std::string>(std::move(s));
    return v;
}

const char* type_name(const Value& v) {
    switch (v.kind) {
        case Value::Kind::None: return "NoneType";
        case Value::Kind::Bool: return "bool";
        case Value::Kind::Int: return "int";
        case Value::Kind::Float: return "float";
        case Value::Kind::Str: return "str";
        case Value::Kind::Tuple: return "tuple";
        case Value::Kind::List: return "list";
        case Value::Kind::Dict: return "dict";
        case Value::Kind::Layer: return "layer";
        case Value::Kind::Object: return "object";
        case Value::Kind::Model: return "Sequential model";
        case Value::Kind::Method: return "method";
        case Value::Kind::Path: return "module attribute";
        case Value::Kind::Opaque: return "value";
    }
    return "value";
}

bool is_number(const Value& v) {
    return v.kind == Value::Kind::Int || v.kind == Value::Kind::Float || v.kind == Value::Kind::Bool;
}
bool is_integer(const Value& v) { return v.kind == Value::Kind::Int || v.kind == Value::Kind::Bool; }
std::int64_t as_int(const Value& v) { return v.kind == Value::Kind::Bool ? (v.b ? 1 : 0) : v.i; }
double as_float(const Value& v) {
    return v.kind == Value::Kind::Float ? v.f : static_cast<double>(as_int(v));
}

std::vector<std::string> split_path(const std::string& path) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (;;) {
        const std::size_t dot = path.find('.', start);
        out.push_back(path.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
        if (dot == std::string::npos) return out;
        start = dot + 1;
    }
}

std::string last_component(const std::string& path) {
    const std::size_t dot = path.rfind('.');
    return dot == std::string::npos ? path : path.substr(dot + 1);
}

bool is_dtype_name(const std::string& s) {
    static const char* const kDtypes[] = {"float16", "float32", "float64", "bfloat16", "int8",
                                          "int16",   "int32",   "int64",   "uint8",    "bool"};
    for (const char* d : kDtypes) {
        if (s == d) return true;
    }
    return false;
}

class Interpreter {
public:
    explicit Interpreter(std::string_view source) : src_(source) {}

    ModelSpec run(const std::vector<Stmt>& program) {
        for (const Stmt& s : program) exec(s);
        return result();
    }

private:
    std::string_view src_;
    std::unordered_map<std::string, Value> vars_;
    std::unordered_map<std::string, std::string> imports_;  // local name -> dotted module path
    std::vector<std::shared_ptr<ModelObj>> models_;         // in construction order
    std::size_t budget_ = kWorkBudget;

    // ------------------------------------------------------------------ errors & bookkeeping
    static Location at(const Expr& e) { return {"", e.line, e.column}; }
    [[noreturn]] static void parse_fail(const Expr& e, const std::string& message) {
        throw ParseError(message, at(e));
    }
    std::string source_of(const Expr& e) const { return importer::expr_source(src_, e); }

    void spend(std::size_t units, const Expr& e) {
        if (units > budget_) {
            throw LimitError("the snippet needs too much work to evaluate (more than " +
                                 std::to_string(kWorkBudget) + " steps)", at(e));
        }
        budget_ -= units;
    }

    Value make_seq(Value::Kind kind, std::vector<Value> items, const Expr& e) {
        Value v;
        v.kind = kind;
        std::size_t weight = 1;
        int depth = 0;
        for (const Value& it : items) {
            weight += it.weight;
            if (weight > kMaxValueElements) {
                throw LimitError("value has more than " + std::to_string(kMaxValueElements) +
                                     " elements", at(e));
            }
            depth = std::max(depth, it.depth);
        }
        if (depth + 1 > importer::kMaxNesting) {
            parse_fail(e, "value nested too deeply (more than " + std::to_string(importer::kMaxNesting) +
                              " levels)");
        }
        spend(items.size() + 1, e);
        v.weight = weight;
        v.depth = depth + 1;
        v.items = std::make_shared<const std::vector<Value>>(std::move(items));
        return v;
    }

    Value make_str(std::string s, const Expr& e) {
        if (s.size() > kMaxStringBytes) throw LimitError("string longer than 1 MiB", at(e));
        spend(1 + s.size() / 64, e);
        return make_text(Value::Kind::Str, std::move(s));
    }

    Value make_opaque(const Expr& e, std::shared_ptr<const Origin> origin) const {
        Value v = make_text(Value::Kind::Opaque, source_of(e));
        if (!origin) {
            auto o = std::make_shared<Origin>();
            o->text = *v.s;
            o->line = e.line;
            origin = std::move(o);
        }
        v.origin = std::move(origin);
        return v;
    }

    // A run-time value derived from `v`: from an Opaque, or from the result of an unknown call
    // (mnist.load_data()), which is only usable as a config value.
    static bool is_run_time(const Value& v) {
        return v.kind == Value::Kind::Opaque || v.kind == Value::Kind::Object;
    }
    static std::shared_ptr<const Origin> origin_of(const Value& v) {
        if (v.kind == Value::Kind::Opaque) return v.origin;
        if (v.kind == Value::Kind::Object) {
            auto o = std::make_shared<Origin>();
            o->text = v.layer->source;
            o->line = v.layer->line;
            return o;
        }
        return nullptr;
    }

    // The message for a value PadLab could not compute, when something needs it.
    [[noreturn]] void unevaluated(const Value& v, const Expr& e, const std::string& context) const {
        std::string m = context + "cannot evaluate '" + source_of(e) + "'";
        if (v.kind == Value::Kind::Path) {
            m += ": '" + v.str() + "' is not something PadLab evaluates (only literals, layers and "
                 "names assigned in the snippet); write the value literally";
        } else if (v.origin && !v.origin->reason.empty()) {
            m += ": " + v.origin->reason;
        } else if (v.origin) {
            m += ": it comes from '" + v.origin->text + "'";
            if (v.origin->line > 0 && v.origin->line != e.line) m += " (line " + std::to_string(v.origin->line) + ")";
            m += ", which PadLab does not run; write the value literally";
        }
        throw UnsupportedError(m, at(e));
    }

    // ------------------------------------------------------------------ statements
    void exec(const Stmt& s) {
        switch (s.kind) {
            case Stmt::Kind::Ignored:
                for (const auto& imp : s.imports) {
                    imports_[imp.first] = imp.second;
                    vars_.erase(imp.first);
                }
                return;
            case Stmt::Kind::Expression:
                if (s.value->kind == Expr::Kind::Call) call(*s.value, true);
                return;
            case Stmt::Kind::Assign: {
                const Value v = eval(*s.value);
                for (const auto& t : s.targets) assign(*t, v, *s.value);
                return;
            }
            case Stmt::Kind::AugAssign: {
                const Expr& t = *s.targets[0];
                if (t.kind != Expr::Kind::Name) return;  // x.attr += ... : nothing the model needs
                const Value current = eval(t);
                vars_[t.text] = binary(s.op, current, eval(*s.value), *s.value);
                return;
            }
        }
    }

    void assign(const Expr& target, const Value& v, const Expr& value_expr) {
        switch (target.kind) {
            case Expr::Kind::Name:
                vars_[target.text] = v;
                imports_.erase(target.text);
                return;
            case Expr::Kind::Tuple:
            case Expr::Kind::List: {
                const std::size_t n = target.items.size();
                if (is_run_time(v)) {
                    const Value part = make_opaque(value_expr, origin_of(v));
                    for (const auto& t : target.items) assign(*t, part, value_expr);
                    return;
                }
                if (v.kind != Value::Kind::Tuple && v.kind != Value::Kind::List) {
                    parse_fail(value_expr, std::string("cannot unpack non-iterable ") + type_name(v) + " object");
                }
                if (v.items->size() != n) {
                    parse_fail(value_expr, v.items->size() > n
                                               ? "too many values to unpack (expected " + std::to_string(n) + ")"
                                               : "not enough values to unpack (expected " + std::to_string(n) +
                                                     ", got " + std::to_string(v.items->size()) + ")");
                }
                for (std::size_t k = 0; k < n; ++k) assign(*target.items[k], (*v.items)[k], value_expr);
                return;
            }
            case Expr::Kind::Attribute:
                assign_attribute(target, v);
                return;
            default:
                return;  // x[i] = ...: nothing the model needs
        }
    }

    // layer.trainable = False / model.trainable = False freeze weights (non-trainable params).
    void assign_attribute(const Expr& target, const Value& v) {
        if (target.text != "trainable" || target.a->kind != Expr::Kind::Name) return;
        const auto it = vars_.find(target.a->text);
        if (it == vars_.end()) return;
        const json flag = v.kind == Value::Kind::Bool ? json(v.b) : json();
        if (flag.is_null()) return;
        if (it->second.kind == Value::Kind::Layer) {
            it->second.layer->config["trainable"] = flag;
        } else if (it->second.kind == Value::Kind::Model) {
            for (auto& l : it->second.model->layers) l->config["trainable"] = flag;
        }
    }

    // ------------------------------------------------------------------ expressions
    Value eval(const Expr& e) {
        switch (e.kind) {
            case Expr::Kind::Int: return make_int(e.int_value);
            case Expr::Kind::Float: return make_float(e.float_value);
            case Expr::Kind::String: return make_str(e.text, e);
            case Expr::Kind::Bool: return make_bool(e.bool_value);
            case Expr::Kind::None: return make_none();
            case Expr::Kind::Ellipsis: return make_opaque(e, nullptr);
            case Expr::Kind::Name: {
                Value v = resolve_name(e);
                if (v.kind == Value::Kind::Path && v.bare) {
                    parse_fail(e, "name '" + e.text + "' is not defined");
                }
                return v.kind == Value::Kind::Path ? path_value(v, e) : v;
            }
            case Expr::Kind::Attribute: {
                Value v = attribute(resolve_object(*e.a), e);
                // model.layers, model.output_shape...: run-time facts, not a method to call.
                return v.kind == Value::Kind::Method ? make_opaque(e, nullptr) : v;
            }
            case Expr::Kind::Call: return call(e, false);
            case Expr::Kind::Subscript: return subscript(e);
            case Expr::Kind::Slice: parse_fail(e, "a slice is only valid inside [...]");
            case Expr::Kind::Tuple:
            case Expr::Kind::List: {
                std::vector<Value> items;
                items.reserve(e.items.size());
                for (const auto& it : e.items) items.push_back(eval(*it));
                return make_seq(e.kind == Expr::Kind::Tuple ? Value::Kind::Tuple : Value::Kind::List,
                                std::move(items), e);
            }
            case Expr::Kind::Dict: {
                std::vector<Value> items;
                for (std::size_t k = 0; k + 1 < e.items.size(); k += 2) {
                    Value key = eval(*e.items[k]);
                    if (key.kind != Value::Kind::Str && !is_integer(key) && key.kind != Value::Kind::Float &&
                        key.kind != Value::Kind::None && key.kind != Value::Kind::Opaque) {
                        parse_fail(*e.items[k], std::string("unhashable type: '") + type_name(key) + "'");
                    }
                    Value value = eval(*e.items[k + 1]);
                    // A repeated key keeps its first position and its last value, as in Python.
                    bool replaced = false;
                    for (std::size_t j = 0; j < items.size(); j += 2) {
                        if (equal(items[j], key)) {
                            items[j + 1] = value;
                            replaced = true;
                        }
                    }
                    if (!replaced) {
                        items.push_back(std::move(key));
                        items.push_back(std::move(value));
                    }
                }
                return make_seq(Value::Kind::Dict, std::move(items), e);
            }
            case Expr::Kind::Unary: return unary(e);
            case Expr::Kind::Binary: return binary(e.text, eval(*e.a), eval(*e.b), e);
            case Expr::Kind::Compare: return compare(e);
            case Expr::Kind::BoolOp: {
                Value l = eval(*e.a);
                if (is_run_time(l)) return make_opaque(e, origin_of(l));
                const bool t = truthy(l);
                if (e.text == "and" ? !t : t) return l;
                return eval(*e.b);
            }
            case Expr::Kind::IfElse: {
                Value c = eval(*e.b);
                if (is_run_time(c)) return make_opaque(e, origin_of(c));
                return truthy(c) ? eval(*e.a) : eval(*e.items[0]);
            }
        }
        parse_fail(e, "unsupported expression");
    }

    // A name: a variable, an import alias (-> module path) or an unknown bare name (-> Path,
    // bare): callers decide whether a bare name is an error (values) or a module/class (calls).
    Value resolve_name(const Expr& e) const {
        const auto v = vars_.find(e.text);
        if (v != vars_.end()) return v->second;
        Value p;
        p.kind = Value::Kind::Path;
        const auto imp = imports_.find(e.text);
        if (imp != imports_.end()) {
            p.s = std::make_shared<const std::string>(imp->second);
        } else {
            p.s = std::make_shared<const std::string>(e.text);
            p.bare = true;
        }
        return p;
    }

    // The object of an attribute or call: like eval, but an unknown root name is a module
    // (tf, keras, layers...), which snippets use without importing it.
    Value resolve_object(const Expr& e) {
        if (e.kind == Expr::Kind::Name) return resolve_name(e);
        if (e.kind == Expr::Kind::Attribute) {
            Value obj = resolve_object(*e.a);
            if (obj.kind == Value::Kind::Path) return child_path(obj, e.text);
            return attribute(obj, e);
        }
        return eval(e);
    }

    static Value child_path(const Value& parent, const std::string& name) {
        Value p;
        p.kind = Value::Kind::Path;
        p.s = std::make_shared<const std::string>(parent.str() + "." + name);
        return p;
    }

    Value attribute(const Value& obj, const Expr& e) {
        switch (obj.kind) {
            case Value::Kind::Path: return path_value(child_path(obj, e.text), e);
            case Value::Kind::Model: {
                Value m;
                m.kind = Value::Kind::Method;
                m.model = obj.model;
                m.s = std::make_shared<const std::string>(e.text);
                return m;
            }
            case Value::Kind::Opaque:
            case Value::Kind::Object: return make_opaque(e, origin_of(obj));
            default: return make_opaque(e, nullptr);  // layer.output_shape, x.shape, ...: run-time facts
        }
    }

    // A module attribute used as a value: activations and dtypes become their names.
    Value path_value(const Value& path, const Expr& e) {
        const std::vector<std::string> parts = split_path(path.str());
        if (parts.size() >= 2) {
            const std::string& owner = parts[parts.size() - 2];
            if (owner == "activations" || owner == "nn") return make_str(parts.back(), e);
            if ((parts[0] == "tf" || parts[0] == "tensorflow" || parts[0] == "np" || parts[0] == "numpy") &&
                is_dtype_name(parts.back())) {
                return make_str(parts.back(), e);
            }
        }
        return path;
    }

    Value subscript(const Expr& e) {
        Value obj = eval(*e.a);
        if (is_run_time(obj)) return make_opaque(e, origin_of(obj));
        const Expr& index = *e.b;
        if (obj.kind == Value::Kind::Dict) {
            Value key = eval(index);
            if (is_run_time(key)) return make_opaque(e, origin_of(key));
            for (std::size_t k = 0; k + 1 < obj.items->size(); k += 2) {
                if (equal((*obj.items)[k], key)) return (*obj.items)[k + 1];
            }
            parse_fail(index, "KeyError: " + repr(key));
        }
        if (obj.kind != Value::Kind::Tuple && obj.kind != Value::Kind::List) {
            if (obj.kind == Value::Kind::Str || obj.kind == Value::Kind::Path) return make_opaque(e, nullptr);
            parse_fail(e, std::string("'") + type_name(obj) + "' object is not subscriptable");
        }
        const std::vector<Value>& items = *obj.items;
        const auto n = static_cast<std::int64_t>(items.size());
        if (index.kind == Expr::Kind::Slice) {
            // Python's PySlice_AdjustIndices.
            const auto bound = [&](const importer::ExprPtr& x) -> std::optional<std::int64_t> {
                if (!x) return std::nullopt;
                Value v = eval(*x);
                if (v.kind == Value::Kind::None) return std::nullopt;
                if (!is_integer(v)) parse_fail(*x, "slice indices must be integers or None");
                return as_int(v);
            };
            const std::int64_t step = bound(index.items[2]).value_or(1);
            if (step == 0) parse_fail(index, "slice step cannot be zero");
            const auto clamp = [&](std::int64_t x) {
                if (x < 0) {
                    x = x < -n ? (step > 0 ? 0 : -1) : x + n;
                } else if (x >= n) {
                    x = step > 0 ? n : n - 1;
                }
                return x;
            };
            const auto lo = bound(index.items[0]);
            const auto hi = bound(index.items[1]);
            const std::int64_t start = lo ? clamp(*lo) : (step > 0 ? 0 : n - 1);
            const std::int64_t stop = hi ? clamp(*hi) : (step > 0 ? n : -1);
            std::vector<Value> out;
            for (std::int64_t k = start; step > 0 ? k < stop : k > stop;) {
                out.push_back(items[static_cast<std::size_t>(k)]);
                if (step > 0 ? step >= stop - k : -step >= k - stop) break;  // no overflow on huge steps
                k += step;
            }
            return make_seq(obj.kind, std::move(out), e);
        }
        Value iv = eval(index);
        if (is_run_time(iv)) return make_opaque(e, origin_of(iv));
        if (!is_integer(iv)) {
            parse_fail(index, std::string(type_name(obj)) + " indices must be integers, not " + type_name(iv));
        }
        std::int64_t k = as_int(iv);
        if (k < 0 && k >= -n) k += n;
        if (k < 0 || k >= n) parse_fail(index, std::string(type_name(obj)) + " index out of range");
        return items[static_cast<std::size_t>(k)];
    }

    // ------------------------------------------------------------------ operators
    static bool truthy(const Value& v) {
        switch (v.kind) {
            case Value::Kind::None: return false;
            case Value::Kind::Bool: return v.b;
            case Value::Kind::Int: return v.i != 0;
            case Value::Kind::Float: return v.f != 0.0;
            case Value::Kind::Str: return !v.str().empty();
            case Value::Kind::Tuple:
            case Value::Kind::List:
            case Value::Kind::Dict: return !v.items->empty();
            default: return true;
        }
    }

    static bool equal(const Value& a, const Value& b) {
        if (is_number(a) && is_number(b)) {
            if (is_integer(a) && is_integer(b)) return as_int(a) == as_int(b);
            return as_float(a) == as_float(b);
        }
        if (a.kind != b.kind) return false;
        switch (a.kind) {
            case Value::Kind::None: return true;
            case Value::Kind::Str:
            case Value::Kind::Path: return a.str() == b.str();
            case Value::Kind::Tuple:
            case Value::Kind::List:
            case Value::Kind::Dict: {
                if (a.items->size() != b.items->size()) return false;
                for (std::size_t k = 0; k < a.items->size(); ++k) {
                    if (!equal((*a.items)[k], (*b.items)[k])) return false;
                }
                return true;
            }
            case Value::Kind::Layer:
            case Value::Kind::Object: return a.layer == b.layer;
            case Value::Kind::Model:
            case Value::Kind::Method: return a.model == b.model && a.str() == b.str();
            default: return false;
        }
    }

    static std::string repr(const Value& v) {
        switch (v.kind) {
            case Value::Kind::None: return "None";
            case Value::Kind::Bool: return v.b ? "True" : "False";
            case Value::Kind::Int: return std::to_string(v.i);
            case Value::Kind::Float: return json(v.f).dump();
            case Value::Kind::Str: return "'" + v.str() + "'";
            default: return type_name(v);
        }
    }

    [[noreturn]] static void operand_error(const std::string& op, const Value& l, const Value& r, const Expr& e) {
        parse_fail(e, "unsupported operand type(s) for " + op + ": '" + type_name(l) + "' and '" +
                          type_name(r) + "'");
    }

    Value repeat(const Value& seq, std::int64_t times, const Expr& e) {
        if (times <= 0) {
            if (seq.kind == Value::Kind::Str) return make_str("", e);
            return make_seq(seq.kind, {}, e);
        }
        if (seq.kind == Value::Kind::Str) {
            const std::size_t len = seq.str().size();
            if (len != 0 && static_cast<std::uint64_t>(times) > kMaxStringBytes / len) {
                throw LimitError("string longer than 1 MiB", at(e));
            }
            std::string out;
            for (std::int64_t k = 0; k < times; ++k) out += seq.str();
            return make_str(std::move(out), e);
        }
        const std::size_t len = seq.items->size();
        if (len != 0 && static_cast<std::uint64_t>(times) > kMaxValueElements / len) {
            throw LimitError("value has more than " + std::to_string(kMaxValueElements) + " elements", at(e));
        }
        std::vector<Value> out;
        out.reserve(len * static_cast<std::size_t>(times));
        for (std::int64_t k = 0; k < times; ++k) out.insert(out.end(), seq.items->begin(), seq.items->end());
        return make_seq(seq.kind, std::move(out), e);
    }

    Value binary(const std::string& op, const Value& l, const Value& r, const Expr& e) {
        if (is_run_time(l)) return make_opaque(e, origin_of(l));
        if (is_run_time(r)) return make_opaque(e, origin_of(r));
        const auto overflow = [&]() -> Value { parse_fail(e, "integer overflow (PadLab integers are 64-bit)"); };
        if (is_number(l) && is_number(r)) {
            const bool ints = is_integer(l) && is_integer(r);
            const std::int64_t a = ints ? as_int(l) : 0, b = ints ? as_int(r) : 0;
            const double x = as_float(l), y = as_float(r);
            std::int64_t out = 0;
            if (op == "+") {
                if (!ints) return make_float(x + y);
                return __builtin_add_overflow(a, b, &out) ? overflow() : make_int(out);
            }
            if (op == "-") {
                if (!ints) return make_float(x - y);
                return __builtin_sub_overflow(a, b, &out) ? overflow() : make_int(out);
            }
            if (op == "*") {
                if (!ints) return make_float(x * y);
                return __builtin_mul_overflow(a, b, &out) ? overflow() : make_int(out);
            }
            if (op == "/") {
                if (y == 0.0) parse_fail(e, "division by zero");
                return make_float(x / y);
            }
            if (op == "//" || op == "%") {
                if (ints ? b == 0 : y == 0.0) parse_fail(e, op == "//" ? "integer division or modulo by zero" : "modulo by zero");
                if (ints) {
                    if (a == std::numeric_limits<std::int64_t>::min() && b == -1) {
                        return op == "%" ? make_int(0) : overflow();
                    }
                    std::int64_t q = a / b, m = a % b;
                    if (m != 0 && ((m < 0) != (b < 0))) {  // Python floors
                        --q;
                        m += b;
                    }
                    return make_int(op == "//" ? q : m);
                }
                if (op == "//") return make_float(std::floor(x / y));
                double m = std::fmod(x, y);
                if (m != 0.0 && ((m < 0) != (y < 0))) m += y;
                return make_float(m);
            }
            if (op == "**") {
                if (ints && b >= 0) {
                    std::int64_t result = 1, base = a, exp = b;
                    while (exp > 0) {
                        if (exp & 1) {
                            if (__builtin_mul_overflow(result, base, &result)) return overflow();
                        }
                        exp >>= 1;
                        if (exp > 0 && __builtin_mul_overflow(base, base, &base)) return overflow();
                    }
                    return make_int(result);
                }
                if (x == 0.0 && y < 0) parse_fail(e, "0.0 cannot be raised to a negative power");
                return make_float(std::pow(x, y));
            }
            operand_error(op, l, r, e);
        }
        const bool seq_l = l.kind == Value::Kind::Str || l.kind == Value::Kind::Tuple || l.kind == Value::Kind::List;
        const bool seq_r = r.kind == Value::Kind::Str || r.kind == Value::Kind::Tuple || r.kind == Value::Kind::List;
        if (op == "+" && seq_l && l.kind == r.kind) {
            if (l.kind == Value::Kind::Str) {
                if (l.str().size() + r.str().size() > kMaxStringBytes) throw LimitError("string longer than 1 MiB", at(e));
                return make_str(l.str() + r.str(), e);
            }
            std::vector<Value> items(*l.items);
            items.insert(items.end(), r.items->begin(), r.items->end());
            return make_seq(l.kind, std::move(items), e);
        }
        if (op == "*" && seq_l && is_integer(r)) return repeat(l, as_int(r), e);
        if (op == "*" && seq_r && is_integer(l)) return repeat(r, as_int(l), e);
        if (op == "%" && l.kind == Value::Kind::Str) {
            parse_fail(e, "string formatting with % is not part of the Sequential subset");
        }
        operand_error(op, l, r, e);
    }

    Value unary(const Expr& e) {
        Value v = eval(*e.a);
        if (is_run_time(v)) return make_opaque(e, origin_of(v));
        if (e.text == "not") return make_bool(!truthy(v));
        if (!is_number(v)) parse_fail(e, "bad operand type for unary " + e.text + ": '" + type_name(v) + "'");
        if (e.text == "+") return v.kind == Value::Kind::Bool ? make_int(as_int(v)) : v;
        if (e.text == "~") {
            if (!is_integer(v)) parse_fail(e, "bad operand type for unary ~: 'float'");
            return make_int(~as_int(v));
        }
        if (v.kind == Value::Kind::Float) return make_float(-v.f);
        if (as_int(v) == std::numeric_limits<std::int64_t>::min()) {
            parse_fail(e, "integer overflow (PadLab integers are 64-bit)");
        }
        return make_int(-as_int(v));
    }

    Value compare(const Expr& e) {
        const Value l = eval(*e.a);
        const Value r = eval(*e.b);
        if (is_run_time(l)) return make_opaque(e, origin_of(l));
        if (is_run_time(r)) return make_opaque(e, origin_of(r));
        const std::string& op = e.text;
        if (op == "==" || op == "is") return make_bool(equal(l, r));
        if (op == "!=" || op == "is not") return make_bool(!equal(l, r));
        if (op == "in" || op == "not in") {
            bool found = false;
            if (r.kind == Value::Kind::Str && l.kind == Value::Kind::Str) {
                found = r.str().find(l.str()) != std::string::npos;
            } else if (r.kind == Value::Kind::Tuple || r.kind == Value::Kind::List || r.kind == Value::Kind::Dict) {
                const std::size_t stride = r.kind == Value::Kind::Dict ? 2 : 1;
                for (std::size_t k = 0; k < r.items->size(); k += stride) found = found || equal((*r.items)[k], l);
            } else {
                parse_fail(e, std::string("argument of type '") + type_name(r) + "' is not iterable");
            }
            return make_bool(op == "in" ? found : !found);
        }
        int c = 0;
        if (is_number(l) && is_number(r)) {
            if (is_integer(l) && is_integer(r)) {
                c = as_int(l) < as_int(r) ? -1 : as_int(l) > as_int(r) ? 1 : 0;
            } else {
                const double x = as_float(l), y = as_float(r);
                if (std::isnan(x) || std::isnan(y)) return make_bool(false);
                c = x < y ? -1 : x > y ? 1 : 0;
            }
        } else if (l.kind == Value::Kind::Str && r.kind == Value::Kind::Str) {
            c = l.str().compare(r.str());
            c = c < 0 ? -1 : c > 0 ? 1 : 0;
        } else {
            parse_fail(e, "'" + op + "' not supported between instances of '" + type_name(l) + "' and '" +
                              type_name(r) + "'");
        }
        if (op == "<") return make_bool(c < 0);
        if (op == "<=") return make_bool(c <= 0);
        if (op == ">") return make_bool(c > 0);
        return make_bool(c >= 0);
    }

    // ------------------------------------------------------------------ calls
    struct Args {
        std::vector<const Expr*> positional;
        std::vector<std::pair<std::string, const Expr*>> keywords;
    };
    static Args args_of(const Expr& c) {
        Args a;
        for (const auto& p : c.items) a.positional.push_back(p.get());
        for (const auto& kw : c.kwargs) a.keywords.emplace_back(kw.first, kw.second.get());
        return a;
    }

    // `statement`: the call's value is unused, so calls that cannot build the model are skipped
    // without evaluating their arguments (model.fit(x_train, ...) with x_train undefined is fine).
    Value call(const Expr& c, bool statement) {
        Value f = resolve_object(*c.a);
        switch (f.kind) {
            case Value::Kind::Path: return call_path(f, c, statement);
            case Value::Kind::Method: return call_method(f, c);
            case Value::Kind::Layer:
                throw UnsupportedError(
                    "the functional API (calling a layer on a tensor) is not supported; build the model "
                    "with Sequential([...]) or model.add(...)", at(c));
            case Value::Kind::Opaque: return make_opaque(c, f.origin);
            case Value::Kind::Model:
            case Value::Kind::Object: return make_opaque(c, nullptr);
            default:
                if (statement) return make_none();
                parse_fail(c, std::string("'") + type_name(f) + "' object is not callable");
        }
    }

    Value call_method(const Value& m, const Expr& c) {
        ModelObj& model = *m.model;
        const std::string& name = m.str();
        const Args a = args_of(c);
        if (name == "add") {
            const Expr* arg = nullptr;
            if (a.positional.size() == 1 && a.keywords.empty()) arg = a.positional[0];
            if (a.positional.empty() && a.keywords.size() == 1 && a.keywords[0].first == "layer") arg = a.keywords[0].second;
            if (!arg) throw ArgumentError("model.add() takes exactly one layer", at(c));
            add_layer(model, as_layer(*arg, "model.add()"), c);
            return make_none();
        }
        if (name == "pop") {
            if (model.layers.empty()) throw ArgumentError("There are no layers in the model.", at(c));
            model.weight -= std::min(model.weight, model.layers.back()->weight);
            model.layers.pop_back();
            return make_none();
        }
        if (name == "build") {
            const Expr* arg = nullptr;
            if (a.positional.size() == 1) arg = a.positional[0];
            for (const auto& kw : a.keywords) {
                if (kw.first == "input_shape" && !arg) arg = kw.second;
            }
            if (!arg) return make_none();  // build() with no shape changes nothing we can see
            const Value shape = eval(*arg);
            if (shape.kind == Value::Kind::None) return make_none();
            if (shape.kind != Value::Kind::Tuple && shape.kind != Value::Kind::List) {
                if (shape.kind == Value::Kind::Opaque || shape.kind == Value::Kind::Path) {
                    unevaluated(shape, *arg, "model.build(): ");
                }
                throw ArgumentError(std::string("model.build() expects an input shape tuple such as "
                                                "(None, 28, 28, 1); got ") + type_name(shape), at(*arg));
            }
            model.build_shape = to_json(shape, *arg, "model.build(): ");
            return make_none();
        }
        // compile, summary, fit, evaluate, predict, save...: nothing that changes the layers.
        return make_opaque(c, nullptr);
    }

    // The same layer object may be added many times; the model's total size is what the
    // importer copies out, so that is what is capped.
    static void add_layer(ModelObj& model, std::shared_ptr<LayerObj> layer, const Expr& e) {
        model.weight += layer->weight;
        if (model.weight > kMaxModelElements) {
            throw LimitError("the model's layer configs hold more than " + std::to_string(kMaxModelElements) +
                                 " values", at(e));
        }
        model.layers.push_back(std::move(layer));
    }

    // The value of a model.add() / Sequential([...]) element, as a layer.
    std::shared_ptr<LayerObj> as_layer(const Expr& e, const std::string& who) {
        // model.add(Conv2D) without the call is a common slip.
        if (e.kind == Expr::Kind::Name || e.kind == Expr::Kind::Attribute) {
            const Value f = resolve_object(e);
            if (f.kind == Value::Kind::Path) {
                const std::string cls = last_component(f.str());
                if (find_layer_type(cls) || cls == "Input" || cls == "InputLayer") {
                    throw ArgumentError("The added layer must be an instance of class Layer: '" + source_of(e) +
                                            "' is the class itself; call it, e.g. " + cls + "(...)", at(e));
                }
            }
        }
        return layer_from_value(eval(e), e, who);
    }

    std::shared_ptr<LayerObj> layer_from_value(const Value& v, const Expr& e, const std::string& who) {
        switch (v.kind) {
            case Value::Kind::Layer:
                return v.layer;
            case Value::Kind::Object:
                throw UnsupportedError("Unknown layer class '" + v.layer->class_name + "'",
                                       {"", v.layer->line, v.layer->column});
            case Value::Kind::Model:
                throw UnsupportedError("nested models are not supported: add the inner model's layers "
                                       "to the outer model one by one", at(e));
            case Value::Kind::Opaque:
                if (v.origin && !v.origin->unknown_class.empty()) {
                    throw UnsupportedError("Unknown layer class '" + v.origin->unknown_class + "'", at(e));
                }
                unevaluated(v, e, who + ": ");
            default:
                throw ArgumentError(who + ": the added layer must be an instance of class Layer. Received: " +
                                        source_of(e) + " (of type " + type_name(v) + ")", at(e));
        }
    }

    Value call_path(const Value& f, const Expr& c, bool statement) {
        const std::string& path = f.str();
        const std::string name = last_component(path);
        if (name == "Sequential") return make_model(c);
        if (name == "Model" || name == "Functional") {
            throw UnsupportedError("only Sequential models are supported: '" + path +
                                       "(...)' builds a functional model", at(c));
        }
        // model.add(...) with `model` never assigned: the snippet lacks `model = Sequential()`.
        if (!f.bare && (name == "add" || name == "pop" || name == "build")) {
            const std::vector<std::string> parts = split_path(path);
            const bool module = parts[0] == "tf" || parts[0] == "keras" || parts[0] == "np" || parts[0] == "K";
            if (parts.size() == 2 && !module && !imports_.count(parts[0]) && c.a->kind == Expr::Kind::Attribute &&
                c.a->a->kind == Expr::Kind::Name) {
                parse_fail(*c.a->a, "name '" + parts[0] + "' is not defined");
            }
        }
        if (statement) return make_none();
        if (name == "Input") return make_input(c, false);
        if (name == "InputLayer") return make_input(c, true);
        if (f.bare) {
            if (const auto b = builtin(name, c)) return *b;
        }
        if (const LayerType* t = find_layer_type(name)) return make_layer(*t, c);
        return unknown_call(name, c);
    }

    // A call of something that is neither a layer nor a model (an initializer, a regularizer, a
    // data loader): kept as {"class_name", "config"} when its arguments can be evaluated.
    Value unknown_call(const std::string& name, const Expr& c) {
        auto obj = std::make_shared<LayerObj>();
        obj->class_name = name;
        obj->line = c.line;
        obj->column = c.column;
        obj->source = source_of(c);
        std::size_t weight = 1;
        try {
            json args = json::array();
            for (const auto& p : c.items) {
                const Value v = eval(*p);
                weight += v.weight;
                args.push_back(to_json(v, *p, ""));
            }
            for (const auto& kw : c.kwargs) {
                const Value v = eval(*kw.second);
                weight += v.weight;
                obj->config[kw.first] = to_json(v, *kw.second, "");
            }
            if (!args.empty()) obj->config["args"] = std::move(args);
        } catch (const LimitError&) {
            throw;
        } catch (const Error& err) {
            auto o = std::make_shared<Origin>();
            o->text = source_of(c);
            o->line = c.line;
            o->reason = std::string(err.what());
            o->unknown_class = name;
            return make_opaque(c, std::move(o));
        }
        obj->weight = weight;
        Value v;
        v.kind = Value::Kind::Object;
        v.weight = weight;
        v.layer = std::move(obj);
        return v;
    }

    std::optional<Value> builtin(const std::string& name, const Expr& c) {
        static const char* const kNames[] = {"int", "float", "len", "tuple", "list", "abs",
                                             "min", "max", "round", "bool", "print"};
        bool known = false;
        for (const char* n : kNames) known = known || name == n;
        if (!known) return std::nullopt;
        if (!c.kwargs.empty() && name != "print") parse_fail(c, name + "() takes no keyword arguments here");
        std::vector<Value> args;
        for (const auto& p : c.items) {
            args.push_back(eval(*p));
            if (is_run_time(args.back())) return make_opaque(c, origin_of(args.back()));
        }
        if (name == "print") return make_none();
        const auto one = [&]() -> const Value& {
            if (args.size() != 1) parse_fail(c, name + "() takes exactly one argument (" + std::to_string(args.size()) + " given)");
            return args[0];
        };
        if (name == "min" || name == "max") {
            if (args.size() == 1 && (args[0].kind == Value::Kind::Tuple || args[0].kind == Value::Kind::List)) {
                args = *args[0].items;
            }
            if (args.empty()) parse_fail(c, name + "() arg is an empty sequence");
            Value best = args[0];
            for (const Value& v : args) {
                if (!is_number(v)) parse_fail(c, name + "() supports numbers only here");
                const bool less = as_float(v) < as_float(best);
                if (name == "min" ? less : (as_float(v) > as_float(best))) best = v;
            }
            return best;
        }
        const Value& v = one();
        if (name == "len") {
            if (v.kind == Value::Kind::Str) return make_int(static_cast<std::int64_t>(v.str().size()));
            if (v.kind == Value::Kind::Tuple || v.kind == Value::Kind::List) return make_int(static_cast<std::int64_t>(v.items->size()));
            if (v.kind == Value::Kind::Dict) return make_int(static_cast<std::int64_t>(v.items->size() / 2));
            parse_fail(c, std::string("object of type '") + type_name(v) + "' has no len()");
        }
        if (name == "tuple" || name == "list") {
            if (v.kind != Value::Kind::Tuple && v.kind != Value::Kind::List) {
                parse_fail(c, std::string("'") + type_name(v) + "' object is not iterable here");
            }
            return make_seq(name == "tuple" ? Value::Kind::Tuple : Value::Kind::List, *v.items, c);
        }
        if (name == "bool") return make_bool(truthy(v));
        if (!is_number(v)) parse_fail(c, name + "() needs a number here, got " + type_name(v));
        if (name == "float") return make_float(as_float(v));
        if (name == "abs") {
            if (v.kind == Value::Kind::Float) return make_float(std::fabs(v.f));
            if (as_int(v) == std::numeric_limits<std::int64_t>::min()) parse_fail(c, "integer overflow");
            return make_int(as_int(v) < 0 ? -as_int(v) : as_int(v));
        }
        double x = as_float(v);
        if (is_integer(v)) return make_int(as_int(v));
        if (name == "round") x = std::nearbyint(x);  // round half to even, as Python 3
        if (!(x > -9.2e18 && x < 9.2e18)) parse_fail(c, "cannot convert " + repr(v) + " to a 64-bit integer");
        return make_int(static_cast<std::int64_t>(std::trunc(x)));
    }

    Value make_model(const Expr& c) {
        auto model = std::make_shared<ModelObj>();
        const Args a = args_of(c);
        const Expr* layers = nullptr;
        const Expr* name = nullptr;
        if (a.positional.size() > 2) {
            throw ArgumentError("Sequential() takes at most 2 positional arguments (" +
                                    std::to_string(a.positional.size()) + " given)", at(c));
        }
        if (!a.positional.empty()) layers = a.positional[0];
        if (a.positional.size() == 2) name = a.positional[1];  // Keras 2's order (layers, name)
        for (const auto& kw : a.keywords) {
            if (kw.first != "layers" && kw.first != "name") continue;  // trainable=...: no effect on shapes
            const Expr*& slot = kw.first == "layers" ? layers : name;
            if (slot) throw ArgumentError("Sequential() got multiple values for argument '" + kw.first + "'", at(*kw.second));
            slot = kw.second;
        }
        if (name) {
            const Value n = eval(*name);
            if (n.kind == Value::Kind::Str) {
                model->name = n.str();
            } else if (n.kind != Value::Kind::None && n.kind != Value::Kind::Bool) {
                throw ArgumentError(std::string("Sequential() name must be a string, got ") + type_name(n), at(*name));
            }
        }
        if (layers) {
            if (layers->kind == Expr::Kind::List || layers->kind == Expr::Kind::Tuple) {
                for (const auto& item : layers->items) add_layer(*model, as_layer(*item, "Sequential()"), *item);
            } else {
                const Value list = eval(*layers);
                if (list.kind == Value::Kind::List || list.kind == Value::Kind::Tuple) {
                    for (const Value& item : *list.items) {
                        add_layer(*model, layer_from_value(item, *layers, "Sequential()"), *layers);
                    }
                } else if (list.kind != Value::Kind::None) {
                    if (list.kind == Value::Kind::Opaque) unevaluated(list, *layers, "Sequential(): ");
                    throw ArgumentError(std::string("Sequential() expects a list of layers, got ") + type_name(list),
                                        at(*layers));
                }
            }
        }
        models_.push_back(model);
        Value v;
        v.kind = Value::Kind::Model;
        v.model = std::move(model);
        return v;
    }

    // ------------------------------------------------------------------ layers
    json to_json(const Value& v, const Expr& e, const std::string& context) {
        spend(1 + (v.kind == Value::Kind::Str ? v.str().size() / 64 : 0), e);
        switch (v.kind) {
            case Value::Kind::None: return nullptr;
            case Value::Kind::Bool: return v.b;
            case Value::Kind::Int: return v.i;
            case Value::Kind::Float: return v.f;
            case Value::Kind::Str: return v.str();
            case Value::Kind::Tuple:
            case Value::Kind::List: {
                json out = json::array();
                for (const Value& it : *v.items) out.push_back(to_json(it, e, context));
                return out;
            }
            case Value::Kind::Dict: {
                json out = json::object();
                for (std::size_t k = 0; k + 1 < v.items->size(); k += 2) {
                    const Value& key = (*v.items)[k];
                    const std::string name = key.kind == Value::Kind::Str ? key.str() : repr(key);
                    out[name] = to_json((*v.items)[k + 1], e, context);
                }
                return out;
            }
            case Value::Kind::Layer:
            case Value::Kind::Object:
                spend(v.layer->weight, e);
                return json{{"class_name", v.layer->class_name}, {"config", v.layer->config}};
            case Value::Kind::Model:
            case Value::Kind::Method:
                throw UnsupportedError(context + "a model cannot be used as a layer argument", at(e));
            case Value::Kind::Path:
            case Value::Kind::Opaque:
                unevaluated(v, e, context);
        }
        return nullptr;
    }

    struct KeywordValue {
        std::string name;
        Value value;
        const Expr* expr;
    };

    // Python's binding of call arguments to names: positional by `names`, then keywords.
    std::vector<KeywordValue> bind(const std::string& who, const std::vector<std::string_view>& names,
                                   const Expr& c) {
        if (c.items.size() > names.size()) {
            throw ArgumentError(who + "() takes at most " + std::to_string(names.size()) +
                                    " positional argument" + (names.size() == 1 ? "" : "s") + " (" +
                                    std::to_string(c.items.size()) + " given)", at(*c.items[names.size()]));
        }
        std::vector<KeywordValue> out;
        for (std::size_t k = 0; k < c.items.size(); ++k) {
            out.push_back({std::string(names[k]), eval(*c.items[k]), c.items[k].get()});
        }
        for (const auto& kw : c.kwargs) {
            for (const KeywordValue& prev : out) {
                if (prev.name == kw.first) {
                    throw ArgumentError(who + "() got multiple values for argument '" + kw.first + "'", at(*kw.second));
                }
            }
            out.push_back({kw.first, eval(*kw.second), kw.second.get()});
        }
        return out;
    }

    // input_shape=(28, 28, 1) must be a tuple: (784) is the int 784 in Python.
    json shape_json(const KeywordValue& kv, const std::string& who) {
        const Value& v = kv.value;
        if (v.kind == Value::Kind::Tuple || v.kind == Value::Kind::List) {
            return to_json(v, *kv.expr, who + " argument '" + kv.name + "': ");
        }
        if (v.kind == Value::Kind::Opaque || v.kind == Value::Kind::Path) {
            unevaluated(v, *kv.expr, who + " argument '" + kv.name + "': ");
        }
        std::string m = who + " argument '" + kv.name + "' must be a tuple such as (28, 28, 1); got " + repr(v);
        if (is_integer(v)) m += " (a 1-tuple is written (" + std::to_string(as_int(v)) + ",))";
        throw ArgumentError(m, at(*kv.expr));
    }

    static std::size_t args_weight(const std::vector<KeywordValue>& args) {
        std::size_t w = 1;
        for (const KeywordValue& kv : args) w += kv.value.weight;
        return w;
    }

    Value layer_value(std::shared_ptr<LayerObj> obj, const Expr& c, std::size_t weight) {
        obj->line = c.line;
        obj->column = c.column;
        obj->weight = weight;
        Value v;
        v.kind = Value::Kind::Layer;
        v.weight = weight;
        v.layer = std::move(obj);
        return v;
    }

    Value make_layer(const LayerType& type, const Expr& c) {
        auto obj = std::make_shared<LayerObj>();
        obj->class_name = std::string(type.class_name);
        const std::vector<KeywordValue> args = bind(obj->class_name, type.positional, c);
        const KeywordValue* input_shape = nullptr;
        const KeywordValue* batch_input_shape = nullptr;
        const KeywordValue* batch_size = nullptr;
        const KeywordValue* input_dim = nullptr;
        for (const KeywordValue& kv : args) {
            if (kv.name == "input_shape") input_shape = &kv;
            else if (kv.name == "batch_input_shape") batch_input_shape = &kv;
            else if (kv.name == "batch_size") batch_size = &kv;
            else if (kv.name == "input_dim") input_dim = &kv;
            else obj->config[kv.name] = to_json(kv.value, *kv.expr, obj->class_name + " argument '" + kv.name + "': ");
        }
        // Keras's base Layer: batch_input_shape wins; else (batch_size,) + input_shape;
        // Dense(input_dim=n) means input_shape=(n,).
        json batch = nullptr;
        if (batch_size) {
            if (!is_integer(batch_size->value) && batch_size->value.kind != Value::Kind::None) {
                throw ArgumentError(obj->class_name + " argument 'batch_size' must be an integer", at(*batch_size->expr));
            }
            batch = to_json(batch_size->value, *batch_size->expr, "");
        }
        if (batch_input_shape) {
            obj->config["batch_input_shape"] = shape_json(*batch_input_shape, obj->class_name);
        } else if (input_shape) {
            json shape = shape_json(*input_shape, obj->class_name);
            shape.insert(shape.begin(), batch);
            obj->config["batch_input_shape"] = std::move(shape);
        } else if (input_dim) {
            if (!is_integer(input_dim->value)) {
                throw ArgumentError(obj->class_name + " argument 'input_dim' must be an integer", at(*input_dim->expr));
            }
            obj->config["batch_input_shape"] = json::array({batch, as_int(input_dim->value)});
        } else if (batch_size) {
            obj->config["batch_size"] = batch;
        }
        return layer_value(std::move(obj), c, args_weight(args));
    }

    // Input(shape, batch_size, ...) / InputLayer(input_shape, batch_size, ...) -> an InputLayer
    // with batch_input_shape; Keras 2 and 3 agree on the first two positions only.
    Value make_input(const Expr& c, bool layer_class) {
        const std::string who = layer_class ? "InputLayer" : "Input";
        const LayerType* type = find_layer_type("InputLayer");
        auto obj = std::make_shared<LayerObj>();
        obj->class_name = type ? std::string(type->class_name) : "InputLayer";
        const std::vector<KeywordValue> args = bind(who, {"shape", "batch_size"}, c);
        const KeywordValue* shape = nullptr;
        const KeywordValue* batch_shape = nullptr;
        json batch = nullptr;
        for (const KeywordValue& kv : args) {
            if (kv.name == "shape" || kv.name == "input_shape") {
                if (shape) throw ArgumentError(who + "() got both 'shape' and 'input_shape'", at(*kv.expr));
                shape = &kv;
            } else if (kv.name == "batch_shape" || kv.name == "batch_input_shape") {
                batch_shape = &kv;
            } else if (kv.name == "batch_size") {
                if (!is_integer(kv.value) && kv.value.kind != Value::Kind::None) {
                    throw ArgumentError(who + " argument 'batch_size' must be an integer", at(*kv.expr));
                }
                batch = to_json(kv.value, *kv.expr, "");
            } else if (kv.name == "tensor" || kv.name == "input_tensor") {
                throw UnsupportedError(who + "(" + kv.name + "=...) wraps an existing tensor, which PadLab cannot see",
                                       at(*kv.expr));
            } else {
                obj->config[kv.name] = to_json(kv.value, *kv.expr, who + " argument '" + kv.name + "': ");
            }
        }
        if (batch_shape) {
            obj->config["batch_input_shape"] = shape_json(*batch_shape, who);
        } else if (shape) {
            json s = shape_json(*shape, who);
            s.insert(s.begin(), batch);
            obj->config["batch_input_shape"] = std::move(s);
        } else {
            throw ArgumentError(who + "() needs a shape, e.g. " +
                                    (layer_class ? "InputLayer(input_shape=(28, 28, 1))" : "Input(shape=(28, 28, 1))"),
                                at(c));
        }
        return layer_value(std::move(obj), c, args_weight(args));
    }

    // ------------------------------------------------------------------ result
    ModelSpec result() const {
        std::shared_ptr<ModelObj> chosen;
        for (const auto& m : models_) {
            if (!m->layers.empty()) chosen = m;
        }
        if (!chosen && !models_.empty()) chosen = models_.back();
        if (!chosen) {
            throw ParseError("no Sequential model found: expected e.g. 'model = Sequential()' followed by "
                             "model.add(...), or 'model = keras.Sequential([...])'");
        }
        ModelSpec spec;
        spec.format = "python";
        spec.name = chosen->name;
        for (const auto& l : chosen->layers) {
            LayerSpec ls;
            ls.class_name = l->class_name;
            ls.config = l->config;
            ls.line = l->line;
            ls.column = l->column;
            spec.layers.push_back(std::move(ls));
        }
        if (!spec.layers.empty() && !chosen->build_shape.is_null()) {
            json& first = spec.layers.front().config;
            if (!first.contains("batch_input_shape")) first["batch_input_shape"] = chosen->build_shape;
        }
        return spec;
    }
};

}  // namespace

ModelSpec import_python(std::string_view text) {
    importer::check_source_size(text);
    if (importer::skip_blank(text) == text.size()) throw ParseError("empty model source");
    const std::vector<Stmt> program = importer::parse_python(text);
    return Interpreter(text).run(program);
}

}  // namespace padlab
