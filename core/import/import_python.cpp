// Python source -> ModelSpec, for Keras models as tutorials and blogs write them: the
// Sequential API and the Functional API, built with the Python that tutorials use around them.
//
// The subset (python_parser.hpp has the grammar), run by a sandboxed interpreter:
//   * imports of keras / tensorflow / numpy names: remembered as aliases, never run. Any other
//     module (matplotlib, os, ...) is not imported either: its names are unevaluated values, so
//     statements using them are skipped and a layer argument needing one is refused, saying so.
//     exec, eval, open, __import__ and friends are refused.
//   * values: int, float, str, True/False/None, tuples, lists and dicts (mutable, shared as in
//     Python), range(...), arithmetic (28*28, img_width // 2, 2 ** 7, (None,) + shape), indexing
//     and slicing, comparisons, f-strings (f"conv_{i:02d}"), str.format / join / lower / ...
//     and printf-style "%d" % i, list/dict comprehensions and generator expressions, and the
//     builtins int, float, str, bool, len, tuple, list, dict, abs, min, max, round, sum, range,
//     enumerate, zip, reversed, sorted, any, all, isinstance, chr, print.
//   * statements: assignments (with unpacking), if/elif/else, for over range/lists/tuples/
//     strings/dicts (enumerate, zip) with break/continue/else, def with positional, keyword and
//     default parameters (closures see the enclosing scopes), return, pass, with-blocks (run,
//     the context is not entered), assert, raise (an error), del of names. while is refused.
//   * Sequential: model = Sequential() | Sequential([...], name=...) | keras.Sequential(...);
//     model.add(...), model.pop(), model.build(input_shape); layers are Conv2D(...),
//     layers.Conv2D(...), tf.keras.layers.Conv2D(...): positional arguments are named by the
//     layer registry; keyword arguments are copied to the config, with input_shape
//     (+ batch_size) / input_dim lowered to Keras's "batch_input_shape" (for SimpleRNN / LSTM /
//     GRU, Keras 2's input_dim + input_length: (None, input_length, input_dim)). A layer passed
//     as an argument (Bidirectional(LSTM(64))) becomes its {"class_name", "config"}. A call of
//     a layer with several outputs (return_state=True) returns a list of tensors.
//   * Functional: keras.Input(shape=...) is a symbolic tensor (an InputLayer); calling a layer
//     or a model on tensors records a call (a Keras node) and returns its output tensor(s);
//     merge layers take lists (layers.Add()([a, b])) and have their functional forms
//     (layers.add, concatenate, subtract, multiply, average, maximum, minimum, dot);
//     keras.Model(inputs, outputs, name=...) with a tensor, a list or a dict on each side.
//     Arithmetic on tensors: tensor + tensor, and + - * / of a tensor and a number or -x
//     (`x / 255.0`, `1 - x`), Keras 3 operations / tf.keras TFOpLambda layers.
//     A Sequential or Functional model used as a layer is a nested model.
//   * model.summary(line_length=..., expand_nested=..., show_trainable=...): its arguments are
//     kept in ModelSpec::summary_options. compile/fit/evaluate/... and other calls used as
//     statements (print(...), plt.show()) are ignored without evaluating their arguments.
//   * tf.nn.relu / keras.activations.relu as a value become the activation name "relu";
//     tf.float32 becomes "float32"; keras.backend.image_data_format() is "channels_last".
//   * x.trainable = False on a layer or model marks it (and a model's layers) frozen.
//   * Keras Applications: keras.applications.ResNet50(...), tf.keras.applications.resnet50.
//     ResNet50, from keras.applications.mobilenet_v2 import MobileNetV2 ... run PadLab's builder of
//     the application (core/import/applications/*.py, see applications.hpp) on the snippet's
//     arguments, in the builder's own module; the model it returns is a Functional model like any
//     other. weights='imagenet' is accepted and never loaded (ModelSpec::notes says so).
// Which model is the result: the model of the last model.summary() call; without one, the most
// recently constructed model that has layers and is not inside another model (else the most
// recently constructed one).
// Values PadLab cannot compute (data loaded at run time, tensor shapes, unknown functions) are
// carried along unevaluated and only refused when something needs them. Work is bounded: a
// step budget, loop lengths, call depth and value sizes. Everything else is a located
// ParseError / UnsupportedError / ArgumentError / LimitError.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/base/errors.hpp"
#include "core/import/applications.hpp"
#include "core/import/import_model.hpp"
#include "core/import/python_format.hpp"
#include "core/import/python_parser.hpp"
#include "core/import/source_text.hpp"
#include "core/base/suggest.hpp"
#include "core/model/layers/layer_keywords.hpp"
#include "core/model/layers/layer_registry.hpp"

// Keeps a cold, bulky helper out of its caller's stack frame: the interpreter recurses through
// eval/exec/call, and their frames bound how deeply snippets can nest.
#if defined(__GNUC__) || defined(__clang__)
#define PADLAB_NOINLINE __attribute__((noinline))
#else
#define PADLAB_NOINLINE
#endif

namespace padlab {

namespace {

using importer::Expr;
using importer::Param;
using importer::Stmt;
using nlohmann::json;

// Caps that keep adversarial snippets cheap ([x] * 10**9, s = s + s, endless loops, ...).
constexpr std::size_t kMaxValueElements = 100000;
constexpr std::size_t kMaxModelElements = 1000000;  // config values over all layers of a model
constexpr std::size_t kMaxStringBytes = std::size_t(1) << 20;
// Evaluation steps (statements, expressions, elements, 64-byte pieces of text): a 200-layer
// model built in a loop takes about 4000; the cap keeps a runaway snippet under a second.
constexpr std::size_t kWorkBudget = 5000000;
constexpr std::int64_t kMaxLoopIterations = 100000;  // one loop (for-loop, comprehension clause)
constexpr int kMaxCallDepth = 50;                    // nested calls of functions defined in the snippet
constexpr int kMaxEvalDepth = 400;  // nested statements + expressions being evaluated (C++ stack)

const char kSubset[] = " are not part of PadLab's Python subset";

// raise ValueError("...") in a Keras Applications builder: Keras's message for the snippet's call.
class PortRaise : public ArgumentError {
public:
    using ArgumentError::ArgumentError;
};

struct ModelObj;
struct LayerObj;
struct FunctionObj;

// Where an unevaluated value comes from, for the message when something needs it.
struct Origin {
    std::string text;           // "mnist.load_data()"
    int line = 0;
    std::string reason;         // why it could not be evaluated, when known
    std::string unknown_class;  // set when it is a call of an unknown class/function
};

struct Value {
    enum class Kind {
        None, Bool, Int, Float, Str, Tuple, List, Dict, Range,
        Layer,        // a layer object
        Object,       // the result of a call of an unknown class (an initializer, a loader...)
        Model,        // a Sequential or Functional model
        Method,       // model.<name>, to be called
        BoundMethod,  // "...".format, list.append, dict.get...: receiver.<name>
        Function,     // a def
        Tensor,       // a symbolic tensor: output `tensor` of call `node` of a layer
        Path,         // a module attribute (tf.keras.layers.Conv2D) or an unknown bare name
        Opaque,       // a value PadLab cannot compute
    };
    Kind kind = Kind::None;
    bool b = false;
    std::int64_t i = 0;  // Int; Range: start
    double f = 0.0;
    std::int64_t stop = 0, step = 1;  // Range
    // Str: the text. Path: the dotted module path. Method, BoundMethod: the name. Opaque: its source.
    std::shared_ptr<const std::string> s;
    // Tuple, List; Dict as key0, value0, key1, ... Lists and dicts are mutable and shared.
    std::shared_ptr<std::vector<Value>> items;
    std::shared_ptr<LayerObj> layer;        // Layer; Object (a call of an unknown class)
    std::shared_ptr<ModelObj> model;        // Model, Method
    std::shared_ptr<const FunctionObj> fn;  // Function
    std::shared_ptr<const Value> receiver;  // BoundMethod
    TensorRef tensor;                       // Tensor; .layer is the layer's id (creation order)
    std::shared_ptr<const Origin> origin;   // Opaque
    bool bare = false;  // Path: one name that is neither defined nor imported (maybe a builtin)
    std::size_t weight = 1;  // elements, as built (a later mutation is not reflected)
    int depth = 1;

    const std::string& str() const {
        static const std::string empty;
        return s ? *s : empty;
    }
};

// One call of a layer on tensors (a Keras node), with layer ids in the tensor refs.
struct CallRec {
    std::vector<TensorRef> inputs;
    bool list_input = false;
    int line = 0, column = 0;
};

struct LayerObj {
    int id = -1;  // position among the snippet's layers (creation order); -1: an unknown call's result
    std::string class_name;
    json config = json::object();
    int line = 0;
    int column = 0;
    std::size_t weight = 1;
    std::string source;          // the call's text, for messages about an unknown class's result
    std::vector<CallRec> calls;  // Functional: its calls on tensors, node 0 first
    ModelObj* model = nullptr;   // a model used as a layer (the model is owned by the interpreter)
    int added_line = 0;          // where it was first added to a Sequential (0: never)
    std::string operation;       // a builder's `a + b` on two tensors: LayerSpec::operation
};

struct ModelObj {
    bool functional = false;
    std::string name;
    int line = 0, column = 0;
    // Sequential
    std::vector<std::shared_ptr<LayerObj>> layers;
    std::size_t weight = 0;  // sum of the layers' weights
    json build_shape;        // from model.build(...); null when not built
    // Functional
    std::vector<TensorRef> inputs, outputs;
    enum class Structure { Single, List, Dict };
    Structure output_structure = Structure::Single;
    std::vector<Value> output_keys;  // Dict outputs: the keys, in order
    int layer_id = -1;  // the layer standing for this model when it is used as a layer
};

// A scope: a function call's locals, a comprehension's variables, or the module's globals.
struct Env {
    std::unordered_map<std::string, Value> vars;
    Env* parent = nullptr;
};

// A Python module being run: the snippet itself, or a Keras Applications builder that it calls
// (core/import/applications/*.py, run in their own globals with their own imports).
struct Module {
    std::string name;         // "" for the snippet; the builder's module name ("resnet")
    std::string_view source;  // what the expressions' byte ranges and lines refer to
    std::shared_ptr<const std::vector<Stmt>> program;
    Env* globals = nullptr;
    std::unordered_map<std::string, std::string> imports;  // local name -> dotted module path
    bool application = false;  // a builder: the extras of run_port_native() and tensor shapes
};

struct FunctionObj {
    const Stmt* def = nullptr;
    Env* closure = nullptr;                    // the scope the def ran in
    std::vector<std::optional<Value>> defaults;  // per parameter, evaluated at the def
    Module* module = nullptr;                  // the module the def is in
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
Value make_tensor(int layer, int node, int tensor) {
    Value v;
    v.kind = Value::Kind::Tensor;
    v.tensor = {layer, node, tensor};
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
        case Value::Kind::Range: return "range";
        case Value::Kind::Layer: return "layer";
        case Value::Kind::Object: return "object";
        case Value::Kind::Model: return "model";
        case Value::Kind::Method:
        case Value::Kind::BoundMethod: return "method";
        case Value::Kind::Function: return "function";
        case Value::Kind::Tensor: return "KerasTensor";
        case Value::Kind::Path: return "module attribute";
        case Value::Kind::Opaque: return "value";
    }
    return "value";
}

bool is_number(const Value& v) {
    return v.kind == Value::Kind::Int || v.kind == Value::Kind::Float || v.kind == Value::Kind::Bool;
}
bool is_integer(const Value& v) { return v.kind == Value::Kind::Int || v.kind == Value::Kind::Bool; }
bool is_seq(const Value& v) { return v.kind == Value::Kind::Tuple || v.kind == Value::Kind::List; }
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

// Modules a snippet may import: their names are aliases, nothing is run.
bool importable(const std::string& path) {
    const std::string root = path.substr(0, path.find('.'));
    return root == "keras" || root == "tensorflow" || root == "tf_keras" || root == "numpy" ||
           root == "__future__";
}

// Builtins that run code PadLab cannot read, or reach outside the snippet.
bool refused_builtin(const std::string& name) {
    static const char* const kNames[] = {"exec", "eval", "compile", "open", "__import__", "getattr",
                                         "setattr", "delattr", "globals", "locals", "vars", "input",
                                         "breakpoint", "exit", "quit"};
    for (const char* n : kNames) {
        if (name == n) return true;
    }
    return false;
}

// The class a layer is, when PadLab knows it (the layer registry), else nullptr.
// A class the code can name (layers.Dense): not the registry's operations (ScalarAdd, ...),
// which only tensor arithmetic makes.
const LayerType* layer_type(const std::string& name) {
    const LayerType* t = find_layer_type(name);
    return t && t->keras_class.empty() ? t : nullptr;
}

// layers.add([a, b]) and friends: the merge layer class each functional form builds.
const char* merge_function_class(const std::string& name) {
    static const std::pair<const char*, const char*> kForms[] = {
        {"add", "Add"},         {"subtract", "Subtract"}, {"multiply", "Multiply"},
        {"average", "Average"}, {"maximum", "Maximum"},   {"minimum", "Minimum"},
        {"concatenate", "Concatenate"}, {"dot", "Dot"},
    };
    for (const auto& [fn, cls] : kForms) {
        if (name == fn) return cls;
    }
    return nullptr;
}

std::size_t utf8_length(const std::string& s) {
    std::size_t n = 0;
    for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

class Interpreter {
public:
    explicit Interpreter(std::string_view source) : src_(source) {
        envs_.push_back(std::make_unique<Env>());
        globals_ = env_ = envs_.back().get();
        globals_->vars["__name__"] = make_text(Value::Kind::Str, "__main__");
        snippet_.source = source;
        snippet_.globals = globals_;
    }

    ModelSpec run(const std::vector<Stmt>& program) {
        exec_block(program);
        return result();
    }

private:
    enum class Flow { Normal, Break, Continue, Return };

    std::string_view src_;                    // the current module's source
    std::vector<std::unique_ptr<Env>> envs_;  // every scope ever created, alive until the end
    Env* globals_ = nullptr;                  // the current module's globals
    Env* env_ = nullptr;                      // the current scope
    Module snippet_;                          // the snippet, as a module
    Module* module_ = &snippet_;              // the module whose code runs
    std::map<std::string, std::unique_ptr<Module>, std::less<>> ports_;  // applications loaded
    const Expr* app_site_ = nullptr;          // the snippet's application call being run
    std::vector<std::string> notes_;          // ModelSpec::notes
    std::map<std::pair<int, int>, Shape> shapes_;  // tensor shapes computed for the builders
    std::vector<std::shared_ptr<LayerObj>> layers_;         // every layer, by id (creation order)
    std::vector<std::shared_ptr<ModelObj>> models_;         // in construction order
    const ModelObj* summarised_ = nullptr;                  // the model of the last model.summary()
    json summary_options_;
    Value return_value_;
    std::size_t budget_ = kWorkBudget;
    int call_depth_ = 0;
    int nest_ = 0;

    // ------------------------------------------------------------------ errors & bookkeeping
    static Location at(const Expr& e) { return {"", e.line, e.column}; }
    static Location at(const Stmt& s) { return {"", s.line, s.column}; }
    [[noreturn]] static void parse_fail(const Expr& e, const std::string& message) {
        throw ParseError(message, at(e));
    }
    std::string source_of(const Expr& e) const { return importer::expr_source(src_, e); }

    void spend(std::size_t units, const Location& where) {
        if (units > budget_) over_budget(where);
        budget_ -= units;
    }
    [[noreturn]] PADLAB_NOINLINE static void over_budget(const Location& where) {
        throw LimitError("the snippet needs too much work to evaluate (more than " + std::to_string(kWorkBudget) +
                             " steps)", where);
    }
    void spend(std::size_t units, const Expr& e) { spend(units, at(e)); }
    // Work on `bytes` of text: a step per 64 bytes, as building the text costs.
    void spend_text(std::size_t bytes, const Expr& e) { spend(1 + bytes / 64, e); }

    // Bounds the C++ recursion of evaluating nested statements, expressions and calls.
    struct Nest {
        Interpreter& in;
        Nest(Interpreter& interpreter, const Location& where) : in(interpreter) {
            if (++in.nest_ > kMaxEvalDepth) {
                --in.nest_;
                too_deep(where);
            }
        }
        [[noreturn]] PADLAB_NOINLINE static void too_deep(const Location& where) {
            throw LimitError("the snippet nests calls and blocks too deeply to evaluate (more than " +
                                 std::to_string(kMaxEvalDepth) + " levels)", where);
        }
        ~Nest() { --in.nest_; }
    };

    // Walks of values (copies, comparisons, text) refuse structures deeper than kMaxNesting:
    // a list mutated after it was put in another can grow deeper than its recorded depth.
    static void check_walk_depth(int depth, const Expr& e) {
        if (depth > importer::kMaxNesting) {
            parse_fail(e, "value nested too deeply (more than " + std::to_string(importer::kMaxNesting) + " levels)");
        }
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
        v.items = std::make_shared<std::vector<Value>>(std::move(items));
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
    // An unevaluated value whose message is known: "tensor attributes ... are not evaluated".
    Value opaque_because(const Expr& e, std::string reason) const {
        auto o = std::make_shared<Origin>();
        o->text = source_of(e);
        o->line = e.line;
        o->reason = std::move(reason);
        return make_opaque(e, std::move(o));
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

    // A Python condition (if, comprehension filters): it must be computable here.
    bool condition(const Value& v, const Expr& e, const char* what) const {
        if (is_run_time(v) || v.kind == Value::Kind::Path) unevaluated(v, e, std::string(what) + ": ");
        if (v.kind == Value::Kind::Tensor) {
            throw UnsupportedError(std::string(what) + ": a tensor ('" + source_of(e) +
                                       "') has no truth value while the model is being built", at(e));
        }
        return truthy(v);
    }

    // ------------------------------------------------------------------ scopes
    Value* lookup(const std::string& name) const {
        for (Env* e = env_; e; e = e->parent) {
            const auto it = e->vars.find(name);
            if (it != e->vars.end()) return &it->second;
        }
        return nullptr;
    }
    void bind_name(const std::string& name, const Value& v) {
        env_->vars[name] = v;
        if (env_ == globals_) module_->imports.erase(name);
    }
    Env* new_env(Env* parent) {
        envs_.push_back(std::make_unique<Env>());
        envs_.back()->parent = parent;
        return envs_.back().get();
    }
    struct ScopeSwap {
        Interpreter& in;
        Env* saved;
        ScopeSwap(Interpreter& interpreter, Env* scope) : in(interpreter), saved(interpreter.env_) { in.env_ = scope; }
        ~ScopeSwap() { in.env_ = saved; }
    };
    // Runs code of another module (a builder's function): its source, globals and imports.
    struct ModuleSwap {
        Interpreter& in;
        Module* saved;
        ModuleSwap(Interpreter& interpreter, Module* m) : in(interpreter), saved(interpreter.module_) { set(m); }
        ~ModuleSwap() { set(saved); }
        void set(Module* m) {
            in.module_ = m;
            in.src_ = m->source;
            in.globals_ = m->globals;
        }
    };

    // ------------------------------------------------------------------ statements
    Flow exec_block(const std::vector<Stmt>& body) {
        for (const Stmt& s : body) {
            const Flow f = exec(s);
            if (f != Flow::Normal) return f;
        }
        return Flow::Normal;
    }

    // One statement. The frame of this function is live through every nested block, so the
    // work of each kind of statement is in a helper.
    Flow exec(const Stmt& s) {
        const Nest nest(*this, at(s));
        spend(1, at(s));
        switch (s.kind) {
            case Stmt::Kind::Ignored: exec_imports(s); return Flow::Normal;
            case Stmt::Kind::Expression: exec_expression(s); return Flow::Normal;
            case Stmt::Kind::Assign: exec_assign(s); return Flow::Normal;
            case Stmt::Kind::AugAssign: aug_assign(s); return Flow::Normal;
            case Stmt::Kind::If: return exec_block(if_taken(s) ? s.body : s.orelse);
            case Stmt::Kind::For: return exec_for(s);
            case Stmt::Kind::With: exec_with(s); return exec_block(s.body);
            case Stmt::Kind::Def: exec_def(s); return Flow::Normal;
            case Stmt::Kind::Return: exec_return(s); return Flow::Return;
            case Stmt::Kind::Break: return Flow::Break;
            case Stmt::Kind::Continue: return Flow::Continue;
            case Stmt::Kind::Raise:
                if (module_->application) port_raise(s);
                throw ArgumentError(s.value ? "the snippet raises " + source_of(*s.value) : "the snippet raises an exception",
                                    at(s));
            case Stmt::Kind::Assert: exec_assert(s); return Flow::Normal;
            case Stmt::Kind::Del: exec_del(s); return Flow::Normal;
        }
        return Flow::Normal;
    }

    PADLAB_NOINLINE void exec_imports(const Stmt& s) {
        for (const auto& imp : s.imports) {
            if (imp.second[0] == '.') {
                throw UnsupportedError("relative import '" + imp.second + "' is not supported: PadLab reads one "
                                       "snippet, not a package", at(s));
            }
            if (!importable(imp.second) && !(module_->application && port_importable(imp.second))) {
                // Other modules (matplotlib, os, sklearn...) are never imported: the name is an
                // unevaluated value, so statements using it (plt.show()) are skipped as they are
                // for any run-time call, and a layer argument that needs it is refused, saying why.
                const std::string module = imp.second.substr(0, imp.second.find('.'));
                Value v = make_text(Value::Kind::Opaque, imp.first);
                auto origin = std::make_shared<Origin>();
                origin->text = imp.first;
                origin->line = s.line;
                origin->reason = "'" + imp.first + "' comes from the module '" + module +
                                 "', which PadLab does not import (it reads keras, tensorflow and numpy names only)";
                v.origin = std::move(origin);
                bind_name(imp.first, v);
                continue;
            }
            module_->imports[imp.first] = imp.second;
            env_->vars.erase(imp.first);
        }
    }
    PADLAB_NOINLINE void exec_expression(const Stmt& s) {
        if (s.value->kind == Expr::Kind::Call) {
            call(*s.value, true);
        } else if (s.value->kind == Expr::Kind::ListComp || s.value->kind == Expr::Kind::GeneratorExp) {
            eval(*s.value);  // [model.add(Dense(u)) for u in units]
        }
    }
    PADLAB_NOINLINE void exec_assign(const Stmt& s) {
        const Value v = eval(*s.value);
        for (const auto& t : s.targets) assign(*t, v, *s.value);
    }
    PADLAB_NOINLINE bool if_taken(const Stmt& s) {
        const Value c = eval(*s.value);
        return condition(c, *s.value, "if-statement");
    }
    PADLAB_NOINLINE void exec_with(const Stmt& s) {
        for (const auto& t : s.targets) {
            assign(*t, opaque_because(*t, "it is the value of a with-statement, which PadLab does not enter"), *t);
        }
    }
    PADLAB_NOINLINE void exec_def(const Stmt& s) {
        auto fn = std::make_shared<FunctionObj>();
        fn->def = &s;
        fn->closure = env_;
        fn->module = module_;
        for (const Param& p : s.params) {
            fn->defaults.push_back(p.default_value ? std::optional<Value>(eval(*p.default_value)) : std::nullopt);
        }
        Value v;
        v.kind = Value::Kind::Function;
        v.fn = std::move(fn);
        bind_name(s.name, v);
    }
    PADLAB_NOINLINE void exec_return(const Stmt& s) { return_value_ = s.value ? eval(*s.value) : make_none(); }
    PADLAB_NOINLINE void exec_assert(const Stmt& s) {
        const Value v = eval(*s.value);
        if (is_run_time(v) || v.kind == Value::Kind::Path || v.kind == Value::Kind::Tensor) return;
        if (!truthy(v)) throw ArgumentError("AssertionError: assert " + source_of(*s.value), at(s));
    }
    PADLAB_NOINLINE void exec_del(const Stmt& s) {
        for (const auto& t : s.targets) {
            if (!env_->vars.erase(t->text)) parse_fail(*t, "name '" + t->text + "' is not defined");
        }
    }

    PADLAB_NOINLINE Flow exec_for(const Stmt& s) {
        Flow flow = Flow::Normal;
        const bool finished = loop(*s.value, *s.targets[0], "for-loop", at(s), [&] {
            flow = exec_block(s.body);
            return flow != Flow::Break && flow != Flow::Return;
        });
        if (!finished) return flow == Flow::Return ? flow : Flow::Normal;
        return exec_block(s.orelse);
    }

    // for `target` in `iterable`: assigns each element and runs `body` (false stops the loop),
    // at most kMaxLoopIterations times. Returns whether the loop ran to its end.
    template <typename Body>
    bool loop(const Expr& iterable, const Expr& target, const char* what, const Location& where, Body&& body) {
        const Value seq = eval(iterable);
        Iter it = iterate(seq, iterable, what);
        std::int64_t n = 0;
        Value item;
        while (next(it, item, iterable)) {
            if (++n > kMaxLoopIterations) {
                throw LimitError(std::string(what) + " runs more than " + std::to_string(kMaxLoopIterations) +
                                     " iterations", where);
            }
            assign(target, item, iterable);
            if (!body()) return false;
        }
        return true;
    }

    void assign(const Expr& target, const Value& v, const Expr& value_expr) {
        switch (target.kind) {
            case Expr::Kind::Name:
                bind_name(target.text, v);
                return;
            case Expr::Kind::Tuple:
            case Expr::Kind::List: {
                const std::size_t n = target.items.size();
                if (is_run_time(v)) {
                    const Value part = make_opaque(value_expr, origin_of(v));
                    for (const auto& t : target.items) assign(*t, part, value_expr);
                    return;
                }
                std::vector<Value> parts;
                if (is_seq(v) && v.items->size() == n) {
                    parts = *v.items;
                } else if (is_seq(v)) {
                    parts.resize(v.items->size());  // only the count matters for the message
                } else if (v.kind == Value::Kind::Str || v.kind == Value::Kind::Range || v.kind == Value::Kind::Dict) {
                    parts = elements(v, value_expr, "unpacking");
                } else {
                    parse_fail(value_expr, std::string("cannot unpack non-iterable ") + type_name(v) + " object");
                }
                if (parts.size() != n) {
                    parse_fail(value_expr, parts.size() > n
                                               ? "too many values to unpack (expected " + std::to_string(n) + ")"
                                               : "not enough values to unpack (expected " + std::to_string(n) +
                                                     ", got " + std::to_string(parts.size()) + ")");
                }
                for (std::size_t k = 0; k < n; ++k) assign(*target.items[k], parts[k], value_expr);
                return;
            }
            case Expr::Kind::Attribute:
                assign_attribute(target, v);
                return;
            case Expr::Kind::Subscript:
                assign_item(target, v);
                return;
            default:
                return;
        }
    }

    // lst[i] = v, d[k] = v; items of values PadLab does not compute (os.environ[...]) are ignored.
    void assign_item(const Expr& target, const Value& v) {
        const Value obj = eval(*target.a);
        if (obj.kind == Value::Kind::Tuple || obj.kind == Value::Kind::Str || obj.kind == Value::Kind::Range) {
            parse_fail(target, std::string("'") + type_name(obj) + "' object does not support item assignment");
        }
        if (obj.kind != Value::Kind::List && obj.kind != Value::Kind::Dict) return;
        if (target.b->kind == Expr::Kind::Slice) parse_fail(target, std::string("slice assignment") + kSubset);
        const Value key = eval(*target.b);
        check_insert(obj, v, target);
        std::vector<Value>& items = *obj.items;
        if (obj.kind == Value::Kind::Dict) {
            dict_set(obj, key, v, *target.b);
            return;
        }
        if (!is_integer(key)) {
            parse_fail(*target.b, std::string("list indices must be integers or slices, not ") + type_name(key));
        }
        std::int64_t k = as_int(key);
        const auto n = static_cast<std::int64_t>(items.size());
        if (k < 0) k += n;
        if (k < 0 || k >= n) parse_fail(*target.b, "list assignment index out of range");
        items[static_cast<std::size_t>(k)] = v;
    }

    PADLAB_NOINLINE void aug_assign(const Stmt& s) {
        const Expr& t = *s.targets[0];
        if (t.kind == Expr::Kind::Attribute) return;  // x.attr += ...: nothing the model needs
        const Value current = eval(t);
        const Value rhs = eval(*s.value);
        if (current.kind == Value::Kind::List && s.op == "+") {  // lst += iterable extends in place
            extend(current, rhs, *s.value);
            return;
        }
        const Value v = binary(s.op, current, rhs, *s.value);
        if (t.kind == Expr::Kind::Name) {
            bind_name(t.text, v);
        } else {
            assign_item(t, v);
        }
    }

    // layer.trainable = False / model.trainable = False freeze weights (non-trainable params).
    void assign_attribute(const Expr& target, const Value& v) {
        if (target.text != "trainable" || v.kind != Value::Kind::Bool) return;
        const Value obj = eval(*target.a);
        if (obj.kind == Value::Kind::Layer) {
            obj.layer->config["trainable"] = v.b;
        } else if (obj.kind == Value::Kind::Model) {
            std::set<const ModelObj*> seen;
            freeze(*obj.model, v.b, seen);
        }
    }
    void freeze(const ModelObj& m, bool flag, std::set<const ModelObj*>& seen) {
        if (!seen.insert(&m).second) return;
        for (LayerObj* l : model_layers(m)) {
            if (l->model) {
                freeze(*l->model, flag, seen);
            } else {
                l->config["trainable"] = flag;
            }
        }
    }

    // ------------------------------------------------------------------ expressions
    // One expression. Its frame is live through every nested expression and call, so the cases
    // that need locals are helpers.
    Value eval(const Expr& e) {
        const Nest nest(*this, at(e));
        spend(1, e);
        switch (e.kind) {
            case Expr::Kind::Int: return make_int(e.int_value);
            case Expr::Kind::Float: return make_float(e.float_value);
            case Expr::Kind::String: return make_str(e.text, e);
            case Expr::Kind::Bool: return make_bool(e.bool_value);
            case Expr::Kind::None: return make_none();
            case Expr::Kind::Ellipsis: return make_opaque(e, nullptr);
            case Expr::Kind::Name: return eval_name(e);
            case Expr::Kind::Attribute: return eval_attribute(e);
            case Expr::Kind::Call: return call(e, false);
            case Expr::Kind::Subscript: return subscript(e);
            case Expr::Kind::Slice: unsupported_expression(e);
            case Expr::Kind::Tuple:
            case Expr::Kind::List: return eval_sequence(e);
            case Expr::Kind::Dict: return eval_dict(e);
            case Expr::Kind::Unary: return unary(e);
            case Expr::Kind::Binary: return eval_binary(e);
            case Expr::Kind::Compare: return compare(e);
            case Expr::Kind::BoolOp: return eval_bool_op(e);
            case Expr::Kind::IfElse: return eval_if_else(e);
            case Expr::Kind::FString: return fstring(e);
            case Expr::Kind::ListComp:
            case Expr::Kind::GeneratorExp:
            case Expr::Kind::DictComp: return comprehension(e);
            case Expr::Kind::Lambda: return make_opaque(e, nullptr);  // a function PadLab never calls
            case Expr::Kind::FormatField:
            case Expr::Kind::CompFor: break;
        }
        unsupported_expression(e);
    }
    [[noreturn]] PADLAB_NOINLINE static void unsupported_expression(const Expr& e) {
        parse_fail(e, "unsupported expression");
    }

    PADLAB_NOINLINE Value eval_name(const Expr& e) {
        Value v = resolve_name(e);
        if (v.kind == Value::Kind::Path && v.bare) parse_fail(e, "name '" + e.text + "' is not defined");
        return v.kind == Value::Kind::Path ? path_value(v, e) : v;
    }
    PADLAB_NOINLINE Value eval_attribute(const Expr& e) {
        Value v = attribute(resolve_object(*e.a), e);
        // model.output_shape...: run-time facts, not a method to call.
        return v.kind == Value::Kind::Method ? make_opaque(e, nullptr) : v;
    }
    PADLAB_NOINLINE Value eval_sequence(const Expr& e) {
        std::vector<Value> items;
        items.reserve(e.items.size());
        for (const auto& it : e.items) items.push_back(eval(*it));
        return make_seq(e.kind == Expr::Kind::Tuple ? Value::Kind::Tuple : Value::Kind::List, std::move(items), e);
    }
    PADLAB_NOINLINE Value eval_dict(const Expr& e) {
        Value d = make_seq(Value::Kind::Dict, {}, e);
        for (std::size_t k = 0; k + 1 < e.items.size(); k += 2) {
            Value key = eval(*e.items[k]);
            Value value = eval(*e.items[k + 1]);
            dict_set(d, key, value, *e.items[k]);
        }
        return make_seq(Value::Kind::Dict, *d.items, e);
    }
    PADLAB_NOINLINE Value eval_binary(const Expr& e) {
        const Value l = eval(*e.a);
        return binary(e.text, l, eval(*e.b), e);
    }
    PADLAB_NOINLINE Value eval_bool_op(const Expr& e) {
        Value l = eval(*e.a);
        if (is_run_time(l)) return make_opaque(e, origin_of(l));
        const bool t = truthy(l);
        if (e.text == "and" ? !t : t) return l;
        return eval(*e.b);
    }
    PADLAB_NOINLINE Value eval_if_else(const Expr& e) {
        const Value c = eval(*e.b);
        if (is_run_time(c)) return make_opaque(e, origin_of(c));
        return truthy(c) ? eval(*e.a) : eval(*e.items[0]);
    }

    // A name: a variable, an import alias (-> module path) or an unknown bare name (-> Path,
    // bare): callers decide whether a bare name is an error (values) or a module/class (calls).
    Value resolve_name(const Expr& e) const {
        if (const Value* v = lookup(e.text)) return *v;
        Value p;
        p.kind = Value::Kind::Path;
        const auto imp = module_->imports.find(e.text);
        if (imp != module_->imports.end()) {
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
            case Value::Kind::Model: return model_attribute(obj, e);
            case Value::Kind::Str:
            case Value::Kind::Tuple:
            case Value::Kind::List:
            case Value::Kind::Dict: {
                Value m = make_text(Value::Kind::BoundMethod, e.text);
                m.receiver = std::make_shared<const Value>(obj);
                return m;
            }
            case Value::Kind::Tensor:
                if (module_->application && e.text == "shape") return shape_value(obj, e);
                return opaque_because(e, "tensor attributes such as '" + source_of(e) +
                                             "' are not evaluated: PadLab reads the model's structure and does "
                                             "not compute shapes while reading the code; write the value literally");
            case Value::Kind::Layer:
                // layer.output: the output tensor of a layer called once (or of an InputLayer).
                if (e.text == "output" && obj.layer->id >= 0 && obj.layer->calls.size() <= 1 &&
                    (!obj.layer->calls.empty() || obj.layer->class_name == "InputLayer")) {
                    return make_tensor(obj.layer->id, 0, 0);
                }
                return make_opaque(e, nullptr);
            case Value::Kind::Opaque:
            case Value::Kind::Object: return make_opaque(e, origin_of(obj));
            default: return make_opaque(e, nullptr);  // layer.output_shape, ...: run-time facts
        }
    }

    // model.layers / model.inputs / model.output ...; any other name is a method.
    Value model_attribute(const Value& obj, const Expr& e) {
        const ModelObj& m = *obj.model;
        const std::string& name = e.text;
        if (name == "layers") {
            std::vector<Value> items;
            for (LayerObj* l : model_layers(m)) {
                if (!m.functional && l->class_name == "InputLayer") continue;  // Sequential.layers hides it
                items.push_back(layer_as_value(*l));
            }
            return make_seq(Value::Kind::List, std::move(items), e);
        }
        if (m.functional && (name == "inputs" || name == "outputs" || name == "input" || name == "output")) {
            const std::vector<TensorRef>& refs = name[0] == 'i' ? m.inputs : m.outputs;
            std::vector<Value> items;
            for (const TensorRef& t : refs) items.push_back(make_tensor(t.layer, t.node, t.tensor));
            if ((name == "input" || name == "output") && items.size() == 1) return items[0];
            return make_seq(Value::Kind::List, std::move(items), e);
        }
        if (name == "name" && !m.name.empty()) return make_str(m.name, e);
        Value method = make_text(Value::Kind::Method, name);
        method.model = obj.model;
        return method;
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

    PADLAB_NOINLINE Value subscript(const Expr& e) {
        Value obj = eval(*e.a);
        if (is_run_time(obj)) return make_opaque(e, origin_of(obj));
        const Expr& index = *e.b;
        if (obj.kind == Value::Kind::Dict) {
            Value key = eval(index);
            if (is_run_time(key)) return make_opaque(e, origin_of(key));
            if (const Value* v = dict_find(obj, key, index)) return *v;
            parse_fail(index, "KeyError: " + repr(key, index));
        }
        if (obj.kind == Value::Kind::Tensor) {
            throw UnsupportedError("indexing a tensor ('" + source_of(e) + "') is not supported: Keras turns it "
                                   "into a TensorFlow-op layer, which PadLab does not model", at(e));
        }
        if (obj.kind == Value::Kind::Range) obj = make_seq(Value::Kind::Tuple, elements(obj, e, "indexing"), e);
        if (obj.kind == Value::Kind::Str) {
            if (index.kind == Expr::Kind::Slice) return make_opaque(e, nullptr);
            Value iv = eval(index);
            if (!is_integer(iv)) return make_opaque(e, nullptr);
            std::vector<Value> chars = elements(obj, e, "indexing");
            std::int64_t k = as_int(iv);
            const auto n = static_cast<std::int64_t>(chars.size());
            if (k < 0 && k >= -n) k += n;
            if (k < 0 || k >= n) parse_fail(index, "string index out of range");
            return chars[static_cast<std::size_t>(k)];
        }
        if (!is_seq(obj)) {
            if (obj.kind == Value::Kind::Path) return make_opaque(e, nullptr);
            parse_fail(e, std::string("'") + type_name(obj) + "' object is not subscriptable");
        }
        // The index or the bounds are evaluated first: the list cannot change while it is read.
        if (index.kind == Expr::Kind::Slice) {
            // Python's PySlice_AdjustIndices.
            const auto bound = [&](const importer::ExprPtr& x) -> std::optional<std::int64_t> {
                if (!x) return std::nullopt;
                Value v = eval(*x);
                if (v.kind == Value::Kind::None) return std::nullopt;
                if (!is_integer(v)) parse_fail(*x, "slice indices must be integers or None");
                return as_int(v);
            };
            const auto lo = bound(index.items[0]);
            const auto hi = bound(index.items[1]);
            const std::int64_t step = bound(index.items[2]).value_or(1);
            if (step == 0) parse_fail(index, "slice step cannot be zero");
            const std::vector<Value>& items = *obj.items;
            const auto n = static_cast<std::int64_t>(items.size());
            const auto clamp = [&](std::int64_t x) {
                if (x < 0) {
                    x = x < -n ? (step > 0 ? 0 : -1) : x + n;
                } else if (x >= n) {
                    x = step > 0 ? n : n - 1;
                }
                return x;
            };
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
        const std::vector<Value>& items = *obj.items;
        const auto n = static_cast<std::int64_t>(items.size());
        std::int64_t k = as_int(iv);
        if (k < 0 && k >= -n) k += n;
        if (k < 0 || k >= n) parse_fail(index, std::string(type_name(obj)) + " index out of range");
        return items[static_cast<std::size_t>(k)];
    }

    // [x for ...], (x for ...) and {k: v for ...}: the loop variables live in their own scope.
    PADLAB_NOINLINE Value comprehension(const Expr& e) {
        Env scope;
        scope.parent = env_;
        const ScopeSwap swap(*this, &scope);
        std::vector<Value> out;
        Value dict = make_seq(Value::Kind::Dict, {}, e);
        comprehension_clause(e, 0, out, dict);
        if (e.kind == Expr::Kind::DictComp) return make_seq(Value::Kind::Dict, *dict.items, e);
        return make_seq(Value::Kind::List, std::move(out), e);
    }
    void comprehension_clause(const Expr& e, std::size_t k, std::vector<Value>& out, Value& dict) {
        if (k == e.items.size()) {
            if (e.kind == Expr::Kind::DictComp) {
                const Value key = eval(*e.a);
                dict_set(dict, key, eval(*e.b), *e.a);
            } else {
                out.push_back(eval(*e.a));
            }
            if (out.size() + dict.items->size() / 2 > kMaxValueElements) {
                throw LimitError("value has more than " + std::to_string(kMaxValueElements) + " elements", at(e));
            }
            return;
        }
        const Expr& clause = *e.items[k];
        loop(*clause.b, *clause.a, "comprehension", at(clause), [&] {
            for (const auto& cond : clause.items) {
                if (!condition(eval(*cond), *cond, "comprehension condition")) return true;
            }
            comprehension_clause(e, k + 1, out, dict);
            return true;
        });
    }

    // f"conv_{i}", f"{name!r}", f"{i:02d}".
    PADLAB_NOINLINE Value fstring(const Expr& e) {
        std::string out;
        for (const auto& part : e.items) {
            if (part->kind == Expr::Kind::String) {
                out += part->text;
            } else {
                const Value v = eval(*part->a);
                if (part->int_value == 'a') parse_fail(*part, "the !a conversion in f-strings is not part of PadLab's Python subset");
                const std::optional<std::string> text =
                    part->int_value == 'r' || part->int_value == 's'
                        ? to_text(v, part->int_value == 'r', *part, 0)
                        : format_value(v, part->text, *part);
                if (!text) return text_unavailable(v, e);
                if (part->int_value && !part->text.empty()) {
                    out += located([&] { return importer::format_str(*text, part->text); }, *part);
                } else {
                    out += *text;
                }
            }
            if (out.size() > kMaxStringBytes) throw LimitError("string longer than 1 MiB", at(e));
        }
        return make_str(std::move(out), e);
    }

    // A value with no text PadLab can compute (a tensor, a run-time value): the text is unknown.
    Value text_unavailable(const Value& v, const Expr& e) const {
        if (is_run_time(v)) return make_opaque(e, origin_of(v));
        return opaque_because(e, std::string("PadLab does not compute the text of a ") + type_name(v));
    }

    template <typename F>
    static std::string located(F&& f, const Expr& e) {
        try {
            return f();
        } catch (Error& err) {
            err.locate(at(e));
            throw;
        }
    }

    // format(v, spec) for the values the subset computes; nullopt when v has no computable text.
    std::optional<std::string> format_value(const Value& v, const std::string& spec, const Expr& e) {
        switch (v.kind) {
            case Value::Kind::Int: return located([&] { return importer::format_int(v.i, spec); }, e);
            case Value::Kind::Bool:
                if (spec.empty()) return std::string(v.b ? "True" : "False");
                return located([&] { return importer::format_int(v.b ? 1 : 0, spec); }, e);
            case Value::Kind::Float: return located([&] { return importer::format_float(v.f, spec); }, e);
            case Value::Kind::Str: return located([&] { return importer::format_str(v.str(), spec); }, e);
            case Value::Kind::None:
            case Value::Kind::Tuple:
            case Value::Kind::List:
            case Value::Kind::Dict:
            case Value::Kind::Range:
                if (!spec.empty()) {
                    parse_fail(e, std::string("unsupported format string passed to ") + type_name(v) + ".__format__");
                }
                return to_text(v, false, e, 0);
            default: return std::nullopt;
        }
    }

    // str(v) / repr(v); nullopt for values whose text PadLab does not compute.
    std::optional<std::string> to_text(const Value& v, bool as_repr, const Expr& e, int depth) {
        check_walk_depth(depth, e);
        spend(1, e);
        switch (v.kind) {
            case Value::Kind::None: return std::string("None");
            case Value::Kind::Bool: return std::string(v.b ? "True" : "False");
            case Value::Kind::Int: return std::to_string(v.i);
            case Value::Kind::Float: return importer::python_float_repr(v.f);
            case Value::Kind::Str:
                spend_text(v.str().size(), e);
                return as_repr ? importer::python_str_repr(v.str()) : v.str();
            case Value::Kind::Range:
                return "range(" + std::to_string(v.i) + ", " + std::to_string(v.stop) +
                       (v.step == 1 ? "" : ", " + std::to_string(v.step)) + ")";
            case Value::Kind::Tuple:
            case Value::Kind::List:
            case Value::Kind::Dict: {
                const bool dict = v.kind == Value::Kind::Dict;
                std::string out = v.kind == Value::Kind::Tuple ? "(" : dict ? "{" : "[";
                const std::vector<Value>& items = *v.items;
                for (std::size_t k = 0; k < items.size(); ++k) {
                    if (k > 0) out += dict && k % 2 == 1 ? ": " : ", ";
                    const std::optional<std::string> t = to_text(items[k], true, e, depth + 1);
                    if (!t) return std::nullopt;
                    out += *t;
                    if (out.size() > kMaxStringBytes) throw LimitError("string longer than 1 MiB", at(e));
                }
                if (v.kind == Value::Kind::Tuple && items.size() == 1) out += ",";
                return out + (v.kind == Value::Kind::Tuple ? ")" : dict ? "}" : "]");
            }
            default: return std::nullopt;
        }
    }

    // A short Python-like description of a value for messages ("3", "'relu'", "x_train").
    std::string repr(const Value& v, const Expr& e) {
        if (v.kind == Value::Kind::Opaque || v.kind == Value::Kind::Path) return v.str();
        const std::optional<std::string> t = to_text(v, true, e, 0);
        if (t) return *t;
        if (v.kind == Value::Kind::Layer || v.kind == Value::Kind::Object) return "<" + v.layer->class_name + " object>";
        if (v.kind == Value::Kind::Model) return v.model->functional ? "<Functional model>" : "<Sequential model>";
        return type_name(v);
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
            case Value::Kind::Range: return v.step > 0 ? v.i < v.stop : v.i > v.stop;
            default: return true;
        }
    }

    bool equal(const Value& a, const Value& b, const Expr& e, int depth = 0) {
        check_walk_depth(depth, e);
        if (is_number(a) && is_number(b)) {
            if (is_integer(a) && is_integer(b)) return as_int(a) == as_int(b);
            return as_float(a) == as_float(b);
        }
        if (a.kind != b.kind) return false;
        switch (a.kind) {
            case Value::Kind::None: return true;
            case Value::Kind::Str:
            case Value::Kind::Path:
                if (a.s == b.s) return true;
                spend_text(std::min(a.str().size(), b.str().size()), e);
                return a.str() == b.str();
            case Value::Kind::Tuple:
            case Value::Kind::List:
            case Value::Kind::Dict: {
                if (a.items == b.items) return true;
                if (a.items->size() != b.items->size()) return false;
                for (std::size_t k = 0; k < a.items->size(); ++k) {
                    spend(1, e);
                    if (!equal((*a.items)[k], (*b.items)[k], e, depth + 1)) return false;
                }
                return true;
            }
            case Value::Kind::Range: return a.i == b.i && a.stop == b.stop && a.step == b.step;
            case Value::Kind::Layer:
            case Value::Kind::Object: return a.layer == b.layer;
            case Value::Kind::Model:
            case Value::Kind::Method: return a.model == b.model && a.str() == b.str();
            case Value::Kind::Function: return a.fn == b.fn;
            case Value::Kind::Tensor: return a.tensor == b.tensor;
            default: return false;
        }
    }

    [[noreturn]] static void operand_error(const std::string& op, const Value& l, const Value& r, const Expr& e) {
        parse_fail(e, "unsupported operand type(s) for " + op + ": '" + type_name(l) + "' and '" +
                          type_name(r) + "'");
    }

    Value add_operation(const Value& a, const Value& b, const Expr& e) {
        auto obj = std::make_shared<LayerObj>();
        obj->class_name = "Add";
        obj->operation = "tf.__operators__.add";
        const Value op = layer_value(std::move(obj), e, 1);
        CallRec rec;
        rec.line = site(e).line;
        rec.column = site(e).column;
        rec.list_input = true;
        rec.inputs = {a.tensor, b.tensor};
        spend(rec.inputs.size() + 1, e);
        op.layer->calls.push_back(std::move(rec));
        return make_tensor(op.layer->id, 0, 0);
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

    // A tensor and a Python number (`x * 2`, `x / 255.0`, `1 - x`; MobileNetV3's hard_sigmoid
    // `ReLU(6.0)(x + 3.0) * (1.0 / 6.0)`), or `-x`: Keras 3's ops.Add/Subtract/Multiply/
    // TrueDivide/Negative operation, a summary row that model.layers leaves out; tf.keras's
    // TFOpLambda layer named by the TensorFlow symbol (which model.layers counts). One tensor
    // input: the number stays in the config (operation_layers.cpp has the Keras sources).
    Value scalar_operation(const std::string& op, const Value& tensor, const Value* number, bool reflected,
                           const Expr& e) {
        struct Op {
            const char* py;
            const char* cls;
            const char* symbol;
        };
        static constexpr Op kOps[] = {
            {"+", "ScalarAdd", "tf.__operators__.add"},
            {"-", "ScalarSubtract", "tf.math.subtract"},
            {"*", "ScalarMultiply", "tf.math.multiply"},
            {"/", "ScalarTrueDivide", "tf.math.truediv"},
        };
        auto obj = std::make_shared<LayerObj>();
        if (!number) {
            obj->class_name = "ScalarNegative";
            obj->operation = "tf.math.negative";
        } else {
            for (const Op& o : kOps) {
                if (op != o.py) continue;
                obj->class_name = o.cls;
                obj->operation = o.symbol;
            }
            obj->config["scalar"] = number->kind == Value::Kind::Float ? json(number->f) : json(as_int(*number));
            obj->config["reflected"] = reflected;
        }
        const Value layer = layer_value(std::move(obj), e, 1);
        CallRec rec;
        rec.line = site(e).line;
        rec.column = site(e).column;
        rec.inputs = {tensor.tensor};
        spend(2, e);
        layer.layer->calls.push_back(std::move(rec));
        return make_tensor(layer.layer->id, 0, 0);
    }

    // Tensor arithmetic PadLab does not model: the layer to write instead.
    [[noreturn]] void tensor_arithmetic_error(const std::string& op, const Value& l, const Value& r, const Expr& e) {
        const bool tensors = l.kind == Value::Kind::Tensor && r.kind == Value::Kind::Tensor;
        std::string instead;
        if (tensors && op == "*") instead = "layers.Multiply()([a, b])";
        else if (tensors && op == "-") instead = "layers.Subtract()([a, b])";
        else if (op == "@") instead = "layers.Dot(axes=...)([a, b])";
        else if (op == "**") instead = "layers.Lambda(lambda t: t ** n) (the forward pass does not run Lambda)";
        else instead = "layers.Rescaling(scale, offset) for a tensor and a number, or a merge layer "
                       "(layers.Add, layers.Multiply, ...) for two tensors";
        throw UnsupportedError("arithmetic on tensors ('" + source_of(e) + "') is not supported: PadLab models + - * / "
                               "of a tensor and a Python number and tensor + tensor (Keras operations, tf.keras "
                               "TFOpLambda layers); use " + instead, at(e));
    }

    Value binary(const std::string& op, const Value& l, const Value& r, const Expr& e) {
        // Numbers only: a bool (`x + True`) keeps the "not supported" error.
        const auto plain = [](const Value& v) { return v.kind == Value::Kind::Int || v.kind == Value::Kind::Float; };
        const bool arithmetic = op == "+" || op == "-" || op == "*" || op == "/";
        if (arithmetic && l.kind == Value::Kind::Tensor && plain(r)) return scalar_operation(op, l, &r, false, e);
        if (arithmetic && r.kind == Value::Kind::Tensor && plain(l)) return scalar_operation(op, r, &l, true, e);
        // Two tensors added (ConvNeXt's `inputs + layer(x)`, the keras-io Transformer encoder's
        // `res = x + inputs`): Keras 3's ops.Add, an operation, which its summary lists as a row
        // "add (Add)" connected to both tensors, auto-named from the layers' "add" counter,
        // while model.layers leaves it out; tf.keras builds a TFOpLambda layer
        // "tf.__operators__.add" there (LayerSpec::operation).
        if (op == "+" && l.kind == Value::Kind::Tensor && r.kind == Value::Kind::Tensor) {
            return add_operation(l, r, e);
        }
        if (l.kind == Value::Kind::Tensor || r.kind == Value::Kind::Tensor) tensor_arithmetic_error(op, l, r, e);
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
        if (op == "%" && l.kind == Value::Kind::Str) return percent_format(l.str(), r, e);
        operand_error(op, l, r, e);
    }

    // "conv_dw_%d" % block_id (Keras's MobileNet names its layers so): printf-style formatting
    // with flags, width and precision, through str.format's format specs.
    PADLAB_NOINLINE Value percent_format(const std::string& fmt, const Value& r, const Expr& e) {
        const std::vector<Value> args = r.kind == Value::Kind::Tuple ? *r.items : std::vector<Value>{r};
        std::size_t next = 0;
        std::string out;
        spend_text(fmt.size(), e);
        for (std::size_t k = 0; k < fmt.size(); ++k) {
            if (fmt[k] != '%') {
                out += fmt[k];
                continue;
            }
            std::size_t j = k + 1;
            if (j < fmt.size() && fmt[j] == '%') {
                out += '%';
                k = j;
                continue;
            }
            std::string flags, width, precision;
            while (j < fmt.size() && std::string("-+ 0#").find(fmt[j]) != std::string::npos) flags += fmt[j++];
            while (j < fmt.size() && std::isdigit(static_cast<unsigned char>(fmt[j])) && width.size() < 4) width += fmt[j++];
            if (j < fmt.size() && fmt[j] == '.') {
                precision = "0";
                ++j;
                while (j < fmt.size() && std::isdigit(static_cast<unsigned char>(fmt[j])) && precision.size() < 4) precision += fmt[j++];
            }
            if (j >= fmt.size()) parse_fail(e, "incomplete format");
            const char type = fmt[j];
            if (std::string("diueEfFgGxXosr").find(type) == std::string::npos) {
                parse_fail(e, std::string("unsupported format character '") + type + "' in %-formatting");
            }
            if (next >= args.size()) parse_fail(e, "not enough arguments for format string");
            const Value& v = args[next++];
            std::optional<std::string> text;
            const bool left = flags.find('-') != std::string::npos;
            if (type == 's' || type == 'r') {
                text = to_text(v, type == 'r', e, 0);
                if (text && (!width.empty() || !precision.empty())) {
                    const std::string spec = std::string(left ? "<" : ">") + width + (precision.empty() ? "" : "." + precision);
                    text = located([&] { return importer::format_str(*text, spec); }, e);
                }
            } else {
                if (!is_number(v)) {
                    parse_fail(e, std::string("%") + type + " format: a real number is required, not " + type_name(v));
                }
                std::string spec = left ? "<" : "";
                if (flags.find('+') != std::string::npos) spec += '+';
                else if (flags.find(' ') != std::string::npos) spec += ' ';
                if (flags.find('#') != std::string::npos) spec += '#';
                if (flags.find('0') != std::string::npos && !left) spec += '0';
                spec += width;
                const bool integral = type == 'd' || type == 'i' || type == 'u';
                if (!precision.empty() && !integral) spec += "." + precision;
                spec += integral ? 'd' : type;
                Value num = v;
                if (integral && v.kind == Value::Kind::Float) {
                    if (!(v.f > -9.2e18 && v.f < 9.2e18)) parse_fail(e, "cannot convert float to a 64-bit integer");
                    num = make_int(static_cast<std::int64_t>(std::trunc(v.f)));
                } else if (!integral && std::string("xXo").find(type) == std::string::npos) {
                    num = make_float(as_float(v));
                }
                text = format_value(num, spec, e);
            }
            if (!text) return text_unavailable(v, e);
            out += *text;
            if (out.size() > kMaxStringBytes) throw LimitError("string longer than 1 MiB", at(e));
            k = j;
        }
        if (next < args.size()) parse_fail(e, "not all arguments converted during string formatting");
        return make_str(std::move(out), e);
    }

    PADLAB_NOINLINE Value unary(const Expr& e) {
        Value v = eval(*e.a);
        if (is_run_time(v)) return make_opaque(e, origin_of(v));
        if (e.text == "not") return make_bool(!truthy(v));
        // `-x`: Keras 3's ops.Negative (keras_tensor.py __neg__), tf.keras's "tf.math.negative".
        if (e.text == "-" && v.kind == Value::Kind::Tensor) return scalar_operation("-", v, nullptr, false, e);
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

    PADLAB_NOINLINE Value compare(const Expr& e) {
        const Value l = eval(*e.a);
        const Value r = eval(*e.b);
        if (is_run_time(l)) return make_opaque(e, origin_of(l));
        if (is_run_time(r)) return make_opaque(e, origin_of(r));
        const std::string& op = e.text;
        if (op == "==" || op == "is") return make_bool(equal(l, r, e));
        if (op == "!=" || op == "is not") return make_bool(!equal(l, r, e));
        if (op == "in" || op == "not in") {
            bool found = false;
            if (r.kind == Value::Kind::Str && l.kind == Value::Kind::Str) {
                spend_text(r.str().size() * std::max<std::size_t>(1, l.str().size()), e);  // a naive search
                found = r.str().find(l.str()) != std::string::npos;
            } else if (r.kind == Value::Kind::Tuple || r.kind == Value::Kind::List || r.kind == Value::Kind::Dict) {
                const std::size_t stride = r.kind == Value::Kind::Dict ? 2 : 1;
                for (std::size_t k = 0; k < r.items->size() && !found; k += stride) {
                    spend(1, e);
                    found = equal((*r.items)[k], l, e);
                }
            } else if (r.kind == Value::Kind::Range && is_integer(l)) {
                const std::int64_t x = as_int(l);
                found = r.step > 0 ? (x >= r.i && x < r.stop && (x - r.i) % r.step == 0)
                                   : (x <= r.i && x > r.stop && (r.i - x) % (-r.step) == 0);
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
            spend_text(std::min(l.str().size(), r.str().size()), e);
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

    // ------------------------------------------------------------------ dicts, iteration, mutation
    static bool hashable(const Value& key) {
        return key.kind == Value::Kind::Str || is_number(key) || key.kind == Value::Kind::None ||
               key.kind == Value::Kind::Opaque || key.kind == Value::Kind::Tensor ||
               (key.kind == Value::Kind::Tuple);
    }
    const Value* dict_find(const Value& d, const Value& key, const Expr& e) {
        for (std::size_t k = 0; k + 1 < d.items->size(); k += 2) {
            spend(1, e);
            if (equal((*d.items)[k], key, e)) return &(*d.items)[k + 1];
        }
        return nullptr;
    }
    // A repeated key keeps its first position and its last value, as in Python.
    void dict_set(const Value& d, const Value& key, const Value& value, const Expr& e) {
        if (!hashable(key)) parse_fail(e, std::string("unhashable type: '") + type_name(key) + "'");
        for (std::size_t k = 0; k + 1 < d.items->size(); k += 2) {
            spend(1, e);
            if (equal((*d.items)[k], key, e)) {
                (*d.items)[k + 1] = value;
                return;
            }
        }
        if (d.items->size() / 2 >= kMaxValueElements) {
            throw LimitError("value has more than " + std::to_string(kMaxValueElements) + " elements", at(e));
        }
        d.items->push_back(key);
        d.items->push_back(value);
    }

    // Before putting `v` into the list or dict `target`: Python allows a list inside itself,
    // PadLab does not (every walk of values would need cycle checks).
    void check_insert(const Value& target, const Value& v, const Expr& e) {
        if (contains(v, target.items.get(), e, 0)) {
            parse_fail(e, std::string("a ") + type_name(target) + " that contains itself is not supported in PadLab's "
                                                                    "Python subset");
        }
        if (target.items->size() >= 2 * kMaxValueElements) {
            throw LimitError("value has more than " + std::to_string(kMaxValueElements) + " elements", at(e));
        }
    }
    bool contains(const Value& v, const std::vector<Value>* target, const Expr& e, int depth) {
        check_walk_depth(depth, e);
        spend(1, e);
        if (v.kind == Value::Kind::BoundMethod) return contains(*v.receiver, target, e, depth + 1);
        if (!v.items) return false;
        if (v.items.get() == target) return true;
        const std::vector<Value>& items = *v.items;
        for (const Value& it : items) {
            if (contains(it, target, e, depth + 1)) return true;
        }
        return false;
    }

    void extend(const Value& list, const Value& more, const Expr& e) {
        const std::vector<Value> items = elements(more, e, "list.extend()");
        for (const Value& it : items) {
            check_insert(list, it, e);
            list.items->push_back(it);
        }
    }

    // Iteration over tuples, lists (seeing appends made while looping, as Python does),
    // dict keys, the characters of a string and ranges.
    struct Iter {
        Value seq;
        std::size_t k = 0;
        std::int64_t cur = 0;
        bool done = false;
    };
    Iter iterate(const Value& v, const Expr& e, const char* what) {
        switch (v.kind) {
            case Value::Kind::Tuple:
            case Value::Kind::List:
            case Value::Kind::Dict:
            case Value::Kind::Str: return Iter{v, 0, 0, false};
            case Value::Kind::Range: return Iter{v, 0, v.i, false};
            case Value::Kind::Opaque:
            case Value::Kind::Object:
            case Value::Kind::Path: unevaluated(v, e, std::string(what) + ": ");
            case Value::Kind::Tensor:
                throw UnsupportedError(std::string(what) + ": iterating over a tensor ('" + source_of(e) +
                                           "') is not supported", at(e));
            default: parse_fail(e, std::string("'") + type_name(v) + "' object is not iterable");
        }
    }
    bool next(Iter& it, Value& out, const Expr& e) {
        spend(1, e);
        const Value& v = it.seq;
        switch (v.kind) {
            case Value::Kind::Tuple:
            case Value::Kind::List:
                if (it.k >= v.items->size()) return false;
                out = (*v.items)[it.k++];
                return true;
            case Value::Kind::Dict:
                if (2 * it.k + 1 >= v.items->size()) return false;
                out = (*v.items)[2 * it.k++];
                return true;
            case Value::Kind::Str: {
                const std::string& s = v.str();
                if (it.k >= s.size()) return false;
                std::size_t n = importer::utf8_sequence_length(s, it.k);
                if (n == 0) n = 1;
                out = make_text(Value::Kind::Str, s.substr(it.k, n));
                it.k += n;
                return true;
            }
            case Value::Kind::Range:
                if (it.done || (v.step > 0 ? it.cur >= v.stop : it.cur <= v.stop)) return false;
                out = make_int(it.cur);
                if (__builtin_add_overflow(it.cur, v.step, &it.cur)) it.done = true;
                return true;
            default: return false;
        }
    }
    // All the elements of an iterable, as a vector (capped like any value).
    std::vector<Value> elements(const Value& v, const Expr& e, const char* what) {
        Iter it = iterate(v, e, what);
        std::vector<Value> out;
        if (v.items) out.reserve(std::min(v.items->size(), kMaxValueElements));
        Value item;
        while (next(it, item, e)) {
            if (out.size() >= kMaxValueElements) {
                throw LimitError("value has more than " + std::to_string(kMaxValueElements) + " elements", at(e));
            }
            out.push_back(item);
        }
        return out;
    }

    // ------------------------------------------------------------------ calls
    // `statement`: the call's value is unused, so calls of module functions that cannot build
    // the model are skipped without evaluating their arguments (model.fit(x_train, ...) with
    // x_train undefined, print(...), plt.show()).
    PADLAB_NOINLINE Value call(const Expr& c, bool statement) {
        Value f = resolve_object(*c.a);
        switch (f.kind) {
            case Value::Kind::Path: return call_path(f, c, statement);
            case Value::Kind::Method: return call_method(f, c);
            case Value::Kind::BoundMethod: return call_bound(f, c);
            case Value::Kind::Function: return call_function(*f.fn, c);
            case Value::Kind::Layer: return call_layer(*f.layer, c);
            case Value::Kind::Model:
            case Value::Kind::Object: return call_object(f, c);
            case Value::Kind::Opaque: return make_opaque(c, f.origin);
            default:
                if (statement) return make_none();
                not_callable(f, c);
        }
    }
    [[noreturn]] PADLAB_NOINLINE static void not_callable(const Value& f, const Expr& c) {
        parse_fail(c, std::string("'") + type_name(f) + "' object is not callable");
    }

    struct CallArgs {
        std::vector<Value> positional;
        std::vector<std::pair<std::string, Value>> keywords;
    };
    // Evaluates a call's arguments into `out`; returns the call's value when one of them is a
    // value PadLab does not compute (the result is unknown too).
    PADLAB_NOINLINE std::optional<Value> evaluate_args(const Expr& c, CallArgs& out) {
        for (const auto& p : c.items) {
            out.positional.push_back(eval(*p));
            if (is_run_time(out.positional.back())) return make_opaque(c, origin_of(out.positional.back()));
        }
        for (const auto& kw : c.kwargs) {
            out.keywords.emplace_back(kw.first, eval(*kw.second));
            if (is_run_time(out.keywords.back().second)) return make_opaque(c, origin_of(out.keywords.back().second));
        }
        return std::nullopt;
    }

    // model(x) on a tensor uses the model as a layer; model(data) is a run-time value. The
    // object of an unknown class called on a tensor is an unknown layer.
    PADLAB_NOINLINE Value call_object(const Value& f, const Expr& c) {
        const Value in = first_argument(c);
        const bool graph = in.kind != Value::Kind::None && has_tensor(in, c, 0);
        if (graph && f.kind == Value::Kind::Model) return call_layer(model_layer(*f.model), c, &in);
        if (graph) throw_unknown_layer_class(f.layer->class_name, {"", f.layer->line, f.layer->column});
        return make_opaque(c, nullptr);
    }

    // The inputs argument of a call (positional or inputs=), evaluated; None when absent.
    Value first_argument(const Expr& c) {
        if (!c.items.empty()) return eval(*c.items[0]);
        for (const auto& kw : c.kwargs) {
            if (kw.first == "inputs") return eval(*kw.second);
        }
        return make_none();
    }

    bool has_tensor(const Value& v, const Expr& e, int depth) {
        check_walk_depth(depth, e);
        spend(1, e);
        if (v.kind == Value::Kind::Tensor) return true;
        if (!v.items || v.kind == Value::Kind::BoundMethod) return false;
        const std::vector<Value>& items = *v.items;
        for (const Value& it : items) {
            if (has_tensor(it, e, depth + 1)) return true;
        }
        return false;
    }

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

    // A function defined in the snippet: Python's argument binding, a new scope, the body.
    PADLAB_NOINLINE Value call_function(const FunctionObj& fn, const Expr& c) {
        check_callable(fn, c);
        return run_function(fn, bind_arguments(fn, c));
    }
    void check_callable(const FunctionObj& fn, const Expr& c) const {
        const Stmt& def = *fn.def;
        // The builders' @keras_export(...) only registers the function's public names.
        if (!def.decorators.empty() && !(fn.module && fn.module->application)) {
            throw UnsupportedError("cannot call '" + def.name + "': it is decorated (@" + source_of(*def.decorators[0]) +
                                       "), and PadLab does not run decorators", at(c));
        }
        if (call_depth_ >= kMaxCallDepth) {
            throw LimitError("maximum recursion depth exceeded (PadLab allows " + std::to_string(kMaxCallDepth) +
                                 " nested calls of functions defined in the snippet)", at(c));
        }
    }
    // The body of `fn` in `scope` (its bound arguments), in the module the def is in.
    Value run_function(const FunctionObj& fn, Env* scope) {
        ++call_depth_;
        Flow flow;
        {
            const ModuleSwap module(*this, fn.module ? fn.module : module_);
            const ScopeSwap swap(*this, scope);
            flow = exec_block(fn.def->body);
        }
        --call_depth_;
        Value result = flow == Flow::Return ? return_value_ : make_none();
        return_value_ = make_none();
        return result;
    }

    // A new scope for a call of `fn`, with its parameters bound as Python binds them.
    PADLAB_NOINLINE Env* bind_arguments(const FunctionObj& fn, const Expr& c) {
        const Stmt& def = *fn.def;
        const std::string who = def.name + "()";
        std::vector<Value> positional;
        for (const auto& p : c.items) positional.push_back(eval(*p));
        std::vector<std::pair<std::string, Value>> keywords;
        for (const auto& kw : c.kwargs) keywords.emplace_back(kw.first, eval(*kw.second));

        const std::vector<Param>& params = def.params;
        std::size_t n_positional = 0, n_required = 0;
        for (const Param& p : params) {
            if (p.keyword_only) continue;
            ++n_positional;
            if (!p.default_value) ++n_required;
        }
        if (positional.size() > n_positional) {
            const std::string takes = n_required == n_positional
                                          ? std::to_string(n_positional)
                                          : "from " + std::to_string(n_required) + " to " + std::to_string(n_positional);
            throw ArgumentError(who + " takes " + takes + " positional argument" + (n_positional == 1 ? "" : "s") +
                                    " but " + std::to_string(positional.size()) +
                                    (positional.size() == 1 ? " was" : " were") + " given", at(c));
        }
        Env* scope = new_env(fn.closure);
        std::vector<bool> bound(params.size(), false);
        std::size_t k = 0;
        for (std::size_t j = 0; j < params.size() && k < positional.size(); ++j) {
            if (params[j].keyword_only) continue;
            scope->vars[params[j].name] = positional[k++];
            bound[j] = true;
        }
        for (const auto& [name, value] : keywords) {
            std::size_t j = 0;
            while (j < params.size() && params[j].name != name) ++j;
            if (j == params.size()) throw ArgumentError(who + " got an unexpected keyword argument '" + name + "'", at(c));
            if (bound[j]) throw ArgumentError(who + " got multiple values for argument '" + name + "'", at(c));
            scope->vars[name] = value;
            bound[j] = true;
        }
        for (const bool keyword_only : {false, true}) {
            std::vector<std::string> missing;
            for (std::size_t j = 0; j < params.size(); ++j) {
                if (bound[j] || params[j].keyword_only != keyword_only) continue;
                if (fn.defaults[j]) {
                    scope->vars[params[j].name] = *fn.defaults[j];
                } else {
                    missing.push_back("'" + params[j].name + "'");
                }
            }
            if (missing.empty()) continue;
            std::string names;
            for (std::size_t m = 0; m < missing.size(); ++m) {
                if (m > 0) names += missing.size() == 2 ? " and " : m + 1 == missing.size() ? ", and " : ", ";
                names += missing[m];
            }
            throw ArgumentError(who + " missing " + std::to_string(missing.size()) + " required " +
                                    (keyword_only ? "keyword-only" : "positional") + " argument" +
                                    (missing.size() == 1 ? "" : "s") + ": " + names, at(c));
        }
        spend(1 + positional.size() + keywords.size(), c);
        return scope;
    }

    PADLAB_NOINLINE Value call_method(const Value& m, const Expr& c) {
        ModelObj& model = *m.model;
        const std::string& name = m.str();
        const Args a = args_of(c);
        if (name == "summary") {
            summary(model, c);
            return make_none();
        }
        if (model.functional && (name == "add" || name == "pop")) {
            throw UnsupportedError("'Functional' object has no attribute '" + name + "'", at(c));
        }
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
        if (name == "build" && !model.functional) {
            const Expr* arg = nullptr;
            if (a.positional.size() == 1) arg = a.positional[0];
            for (const auto& kw : a.keywords) {
                if (kw.first == "input_shape" && !arg) arg = kw.second;
            }
            if (!arg) return make_none();  // build() with no shape changes nothing we can see
            const Value shape = eval(*arg);
            if (shape.kind == Value::Kind::None) return make_none();
            if (!is_seq(shape)) {
                if (shape.kind == Value::Kind::Opaque || shape.kind == Value::Kind::Path) {
                    unevaluated(shape, *arg, "model.build(): ");
                }
                throw ArgumentError(std::string("model.build() expects an input shape tuple such as "
                                                "(None, 28, 28, 1); got ") + type_name(shape), at(*arg));
            }
            model.build_shape = to_json(shape, *arg, "model.build(): ");
            return make_none();
        }
        // compile, fit, evaluate, predict, save...: nothing that changes the layers.
        return make_opaque(c, nullptr);
    }

    // model.summary(line_length, positions, print_fn, expand_nested, show_trainable, layer_range):
    // the model to import, and how it was to be printed.
    void summary(const ModelObj& model, const Expr& c) {
        static const char* const kNames[] = {"line_length", "positions", "print_fn", "expand_nested",
                                             "show_trainable", "layer_range"};
        json options = json::object();
        const auto record = [&](const std::string& name, const Expr& e) {
            if (name == "print_fn") return;  // where to print: not PadLab's concern
            const Value v = eval(e);
            if (v.kind != Value::Kind::None) options[name] = to_json(v, e, "model.summary() argument '" + name + "': ");
        };
        if (c.items.size() > 6) throw ArgumentError("summary() takes at most 6 positional arguments", at(*c.items[6]));
        for (std::size_t k = 0; k < c.items.size(); ++k) record(kNames[k], *c.items[k]);
        for (const auto& kw : c.kwargs) {
            bool known = false;
            for (const char* n : kNames) known = known || kw.first == n;
            if (!known) throw ArgumentError("summary() got an unexpected keyword argument '" + kw.first + "'", at(*kw.second));
            if (options.contains(kw.first)) {
                throw ArgumentError("summary() got multiple values for argument '" + kw.first + "'", at(*kw.second));
            }
            record(kw.first, *kw.second);
        }
        summarised_ = &model;
        summary_options_ = std::move(options);
    }

    // "...".format(...), ", ".join(...), lst.append(x), d.get(k)...
    PADLAB_NOINLINE Value call_bound(const Value& m, const Expr& c) {
        CallArgs a;
        if (std::optional<Value> unknown = evaluate_args(c, a)) return *unknown;
        return apply_bound(*m.receiver, m.str(), a, c);
    }

    PADLAB_NOINLINE Value apply_bound(const Value& self, const std::string& name, const CallArgs& a, const Expr& c) {
        const std::vector<Value>& args = a.positional;
        const std::string who = std::string(type_name(self)) + "." + name + "()";
        const auto arity = [&](std::size_t lo, std::size_t hi) {
            if (args.size() < lo || args.size() > hi) {
                throw ArgumentError(who + " takes " + (lo == hi ? std::to_string(lo) : std::to_string(lo) + " to " + std::to_string(hi)) +
                                        " argument" + (hi == 1 ? "" : "s") + " (" + std::to_string(args.size()) + " given)", at(c));
            }
            if (!c.kwargs.empty() && name != "format") throw ArgumentError(who + " takes no keyword arguments", at(c));
        };
        const auto text_arg = [&](std::size_t k) -> const std::string& {
            if (args[k].kind != Value::Kind::Str) {
                parse_fail(*c.items[k], who + " argument must be str, not " + type_name(args[k]));
            }
            return args[k].str();
        };
        if (self.kind == Value::Kind::Str) {
            const std::string& s = self.str();
            spend_text(s.size(), c);  // every string method reads the whole string at most once
            if (name == "format") return str_format(s, args, a.keywords, c);
            if (name == "join") {
                arity(1, 1);
                std::string out;
                const std::vector<Value> parts = elements(args[0], *c.items[0], "str.join()");
                for (std::size_t k = 0; k < parts.size(); ++k) {
                    if (is_run_time(parts[k])) return make_opaque(c, origin_of(parts[k]));
                    if (parts[k].kind != Value::Kind::Str) {
                        parse_fail(c, "sequence item " + std::to_string(k) + ": expected str instance, " +
                                          type_name(parts[k]) + " found");
                    }
                    if (k > 0) out += s;
                    out += parts[k].str();
                    if (out.size() > kMaxStringBytes) throw LimitError("string longer than 1 MiB", at(c));
                }
                return make_str(std::move(out), c);
            }
            if (name == "lower" || name == "upper") {
                arity(0, 0);
                std::string out = s;
                for (char& ch : out) {
                    if (name == "lower" && ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
                    if (name == "upper" && ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
                }
                return make_str(std::move(out), c);
            }
            if (name == "replace") {
                arity(2, 2);
                const std::string& from = text_arg(0);
                const std::string& to = text_arg(1);
                spend_text(s.size() * from.size(), c);
                std::string out;
                if (from.empty()) {
                    parse_fail(c, std::string("str.replace() with an empty pattern") + " is not part of PadLab's Python subset");
                }
                for (std::size_t k = 0; k < s.size();) {
                    if (s.compare(k, from.size(), from) == 0) {
                        out += to;
                        k += from.size();
                    } else {
                        out += s[k++];
                    }
                    if (out.size() > kMaxStringBytes) throw LimitError("string longer than 1 MiB", at(c));
                }
                return make_str(std::move(out), c);
            }
            if (name == "strip" || name == "lstrip" || name == "rstrip") {
                arity(0, 1);
                const std::string chars = args.empty() ? std::string(" \t\n\r\f\v") : text_arg(0);
                spend_text(s.size() * chars.size(), c);
                std::size_t b = 0, e = s.size();
                if (name != "rstrip") while (b < e && chars.find(s[b]) != std::string::npos) ++b;
                if (name != "lstrip") while (e > b && chars.find(s[e - 1]) != std::string::npos) --e;
                return make_str(s.substr(b, e - b), c);
            }
            if (name == "startswith" || name == "endswith") {
                arity(1, 1);
                const std::string& x = text_arg(0);
                const bool ok = x.size() <= s.size() &&
                                (name == "startswith" ? s.compare(0, x.size(), x) == 0
                                                      : s.compare(s.size() - x.size(), x.size(), x) == 0);
                return make_bool(ok);
            }
            if (name == "split") {
                arity(0, 1);
                std::vector<Value> parts;
                if (args.empty()) {
                    std::size_t k = 0;
                    while (k < s.size()) {
                        while (k < s.size() && std::isspace(static_cast<unsigned char>(s[k]))) ++k;
                        const std::size_t b = k;
                        while (k < s.size() && !std::isspace(static_cast<unsigned char>(s[k]))) ++k;
                        if (k > b) parts.push_back(make_str(s.substr(b, k - b), c));
                    }
                } else {
                    const std::string& sep = text_arg(0);
                    if (sep.empty()) parse_fail(c, "empty separator");
                    spend_text(s.size() * sep.size(), c);
                    std::size_t b = 0;
                    for (;;) {
                        const std::size_t k = s.find(sep, b);
                        parts.push_back(make_str(s.substr(b, k == std::string::npos ? std::string::npos : k - b), c));
                        if (k == std::string::npos) break;
                        b = k + sep.size();
                    }
                }
                return make_seq(Value::Kind::List, std::move(parts), c);
            }
        }
        if (self.kind == Value::Kind::List || self.kind == Value::Kind::Tuple) {
            std::vector<Value>& items = *self.items;
            const bool list = self.kind == Value::Kind::List;
            if (list && name == "append") {
                arity(1, 1);
                check_insert(self, args[0], c);
                items.push_back(args[0]);
                return make_none();
            }
            if (list && name == "extend") {
                arity(1, 1);
                extend(self, args[0], *c.items[0]);
                return make_none();
            }
            if (list && name == "insert") {
                arity(2, 2);
                if (!is_integer(args[0])) parse_fail(*c.items[0], "'" + std::string(type_name(args[0])) + "' object cannot be interpreted as an integer");
                check_insert(self, args[1], c);
                const auto n = static_cast<std::int64_t>(items.size());
                std::int64_t k = as_int(args[0]);
                if (k < 0) k = std::max<std::int64_t>(0, k + n);
                k = std::min(k, n);
                items.insert(items.begin() + k, args[1]);
                return make_none();
            }
            if (list && name == "pop") {
                arity(0, 1);
                if (items.empty()) parse_fail(c, "pop from empty list");
                const auto n = static_cast<std::int64_t>(items.size());
                std::int64_t k = args.empty() ? n - 1 : (is_integer(args[0]) ? as_int(args[0]) : n);
                if (k < 0) k += n;
                if (k < 0 || k >= n) parse_fail(c, "pop index out of range");
                Value out = items[static_cast<std::size_t>(k)];
                items.erase(items.begin() + k);
                return out;
            }
            if (list && name == "copy") {
                arity(0, 0);
                return make_seq(Value::Kind::List, items, c);
            }
            if (name == "index" || name == "count") {
                arity(1, 1);
                std::int64_t count = 0;
                const std::vector<Value>& snapshot = items;
                for (std::size_t k = 0; k < snapshot.size(); ++k) {
                    spend(1, c);
                    if (!equal(snapshot[k], args[0], c)) continue;
                    if (name == "index") return make_int(static_cast<std::int64_t>(k));
                    ++count;
                }
                if (name == "index") parse_fail(c, repr(args[0], c) + " is not in list");
                return make_int(count);
            }
        }
        if (self.kind == Value::Kind::Dict) {
            if (name == "get") {
                arity(1, 2);
                if (const Value* v = dict_find(self, args[0], c)) return *v;
                return args.size() == 2 ? args[1] : make_none();
            }
            if (name == "keys" || name == "values" || name == "items") {
                arity(0, 0);
                std::vector<Value> out;
                const std::vector<Value>& items = *self.items;
                for (std::size_t k = 0; k + 1 < items.size(); k += 2) {
                    if (name == "keys") out.push_back(items[k]);
                    else if (name == "values") out.push_back(items[k + 1]);
                    else out.push_back(make_seq(Value::Kind::Tuple, {items[k], items[k + 1]}, c));
                }
                return make_seq(Value::Kind::List, std::move(out), c);
            }
            if (name == "copy") {
                arity(0, 0);
                return make_seq(Value::Kind::Dict, *self.items, c);
            }
            if (name == "pop") {  // args.pop("repeats") (keras/src/applications/efficientnet.py)
                arity(1, 2);
                std::vector<Value>& items = *self.items;
                for (std::size_t k = 0; k + 1 < items.size(); k += 2) {
                    spend(1, c);
                    if (!equal(items[k], args[0], c)) continue;
                    const Value v = items[k + 1];
                    items.erase(items.begin() + static_cast<std::ptrdiff_t>(k),
                                items.begin() + static_cast<std::ptrdiff_t>(k + 2));
                    return v;
                }
                if (args.size() == 2) return args[1];
                parse_fail(c, "KeyError: " + repr(args[0], c));
            }
            if (name == "update") {
                arity(1, 1);
                if (args[0].kind != Value::Kind::Dict) parse_fail(c, "dict.update() takes a dict here");
                const std::vector<Value> items = *args[0].items;
                for (std::size_t k = 0; k + 1 < items.size(); k += 2) {
                    check_insert(self, items[k + 1], c);
                    dict_set(self, items[k], items[k + 1], c);
                }
                return make_none();
            }
        }
        throw UnsupportedError(std::string("the method ") + type_name(self) + "." + name + "()" + " is not part of "
                               "PadLab's Python subset", at(c));
    }

    // "{}_{:02d}".format(name, i): auto or manual numbering, keyword fields, conversions, specs.
    Value str_format(const std::string& fmt, const std::vector<Value>& args,
                     const std::vector<std::pair<std::string, Value>>& keywords, const Expr& c) {
        std::string out;
        int automatic = 0;  // 0: not yet known, 1: automatic numbering, 2: manual
        std::size_t next_index = 0;
        for (std::size_t k = 0; k < fmt.size();) {
            const char ch = fmt[k];
            if (ch == '}') {
                if (k + 1 < fmt.size() && fmt[k + 1] == '}') {
                    out += '}';
                    k += 2;
                    continue;
                }
                parse_fail(c, "Single '}' encountered in format string");
            }
            if (ch != '{') {
                out += ch;
                ++k;
                continue;
            }
            if (k + 1 < fmt.size() && fmt[k + 1] == '{') {
                out += '{';
                k += 2;
                continue;
            }
            const std::size_t close = fmt.find('}', k + 1);
            if (close == std::string::npos) parse_fail(c, "Single '{' encountered in format string");
            std::string field = fmt.substr(k + 1, close - k - 1);
            if (field.find('{') != std::string::npos) {
                parse_fail(c, std::string("nested replacement fields in str.format") + kSubset);
            }
            k = close + 1;
            std::string spec;
            char conversion = 0;
            const std::size_t colon = field.find(':');
            if (colon != std::string::npos) {
                spec = field.substr(colon + 1);
                field.resize(colon);
            }
            const std::size_t bang = field.find('!');
            if (bang != std::string::npos) {
                if (bang + 2 != field.size() || (field[bang + 1] != 'r' && field[bang + 1] != 's')) {
                    parse_fail(c, "Unknown conversion specifier " + field.substr(bang + 1));
                }
                conversion = field[bang + 1];
                field.resize(bang);
            }
            const Value* v = nullptr;
            if (field.empty() || std::isdigit(static_cast<unsigned char>(field[0]))) {
                std::size_t index = next_index;
                if (field.empty()) {
                    if (automatic == 2) parse_fail(c, "cannot switch from manual field specification to automatic field numbering");
                    automatic = 1;
                    ++next_index;
                } else {
                    if (automatic == 1) parse_fail(c, "cannot switch from automatic field numbering to manual field specification");
                    automatic = 2;
                    if (field.find_first_not_of("0123456789") != std::string::npos || field.size() > 6) {
                        parse_fail(c, "'" + field + "' in str.format fields" + kSubset);
                    }
                    index = static_cast<std::size_t>(std::stoul(field));
                }
                if (index >= args.size()) {
                    parse_fail(c, "Replacement index " + std::to_string(index) + " out of range for positional args tuple");
                }
                v = &args[index];
            } else {
                for (const auto& [name, value] : keywords) {
                    if (name == field) v = &value;
                }
                if (field.find_first_of(".[") != std::string::npos) {
                    parse_fail(c, "attribute and index access in str.format fields" + std::string(kSubset));
                }
                if (!v) parse_fail(c, "KeyError: '" + field + "'");
            }
            const std::optional<std::string> text =
                conversion ? to_text(*v, conversion == 'r', c, 0) : format_value(*v, spec, c);
            if (!text) return text_unavailable(*v, c);
            out += conversion && !spec.empty() ? located([&] { return importer::format_str(*text, spec); }, c) : *text;
            if (out.size() > kMaxStringBytes) throw LimitError("string longer than 1 MiB", at(c));
        }
        return make_str(std::move(out), c);
    }

    // ------------------------------------------------------------------ builtins
    // len, range, enumerate, ... when the name is not bound in the snippet.
    static bool is_builtin(const std::string& name) {
        static const char* const kNames[] = {"int", "float", "str", "bool", "len", "tuple", "list", "dict", "abs",
                                             "min", "max", "round", "sum", "range", "enumerate", "zip", "reversed",
                                             "sorted", "any", "all", "isinstance", "print", "chr"};
        for (const char* n : kNames) {
            if (name == n) return true;
        }
        return false;
    }
    PADLAB_NOINLINE Value builtin(const std::string& name, const Expr& c) {
        if (name == "print") return make_none();
        if (name == "isinstance") return isinstance(c);
        CallArgs a;
        if (std::optional<Value> unknown = evaluate_args(c, a)) return *unknown;
        return apply_builtin(name, a, c);
    }

    // The builtin `name` on evaluated arguments (no evaluation here: this frame stays off the
    // recursion of nested calls).
    PADLAB_NOINLINE Value apply_builtin(const std::string& name, CallArgs& a, const Expr& c) {
        std::vector<Value>& args = a.positional;
        const std::vector<std::pair<std::string, Value>>& keywords = a.keywords;
        for (const auto& kw : keywords) {
            const bool allowed = name == "dict" || (name == "sorted" && kw.first == "reverse") ||
                                 (name == "enumerate" && kw.first == "start") || (name == "sum" && kw.first == "start");
            if (!allowed) parse_fail(c, name + "() takes no keyword argument '" + kw.first + "' here");
        }
        const auto keyword = [&](const char* k) -> const Value* {
            for (const auto& kv : keywords) {
                if (kv.first == k) return &kv.second;
            }
            return nullptr;
        };
        const auto count = [&](std::size_t lo, std::size_t hi) {
            if (args.size() >= lo && args.size() <= hi) return;
            if (lo == hi) {
                parse_fail(c, name + "() takes exactly " + (lo == 1 ? std::string("one argument") : std::to_string(lo) + " arguments") +
                                  " (" + std::to_string(args.size()) + " given)");
            }
            parse_fail(c, name + "() takes " + std::to_string(lo) + " to " + std::to_string(hi) + " arguments (" +
                              std::to_string(args.size()) + " given)");
        };
        const auto iterable = [&](std::size_t k) { return elements(args[k], *c.items[k], (name + "()").c_str()); };
        if (name == "range") {
            count(1, 3);
            std::int64_t r[3] = {0, 0, 1};
            for (std::size_t k = 0; k < args.size(); ++k) {
                if (!is_integer(args[k])) {
                    parse_fail(*c.items[k], std::string("'") + type_name(args[k]) + "' object cannot be interpreted as an integer");
                }
                r[args.size() == 1 ? 1 : k] = as_int(args[k]);
            }
            if (r[2] == 0) parse_fail(c, "range() arg 3 must not be zero");
            Value v;
            v.kind = Value::Kind::Range;
            v.i = r[0];
            v.stop = r[1];
            v.step = r[2];
            return v;
        }
        if (name == "enumerate" || name == "zip") {
            if (name == "enumerate") count(1, 1);
            std::vector<std::vector<Value>> columns;
            for (std::size_t k = 0; k < args.size(); ++k) columns.push_back(iterable(k));
            std::int64_t start = 0;
            if (const Value* s = keyword("start")) {
                if (!is_integer(*s)) parse_fail(c, "enumerate() start must be an integer");
                start = as_int(*s);
            }
            std::size_t n = columns.empty() ? 0 : columns[0].size();
            for (const auto& col : columns) n = std::min(n, col.size());
            std::vector<Value> out;
            for (std::size_t k = 0; k < n; ++k) {
                std::vector<Value> row;
                if (name == "enumerate") row.push_back(make_int(start + static_cast<std::int64_t>(k)));
                for (const auto& col : columns) row.push_back(col[k]);
                out.push_back(make_seq(Value::Kind::Tuple, std::move(row), c));
            }
            return make_seq(Value::Kind::List, std::move(out), c);
        }
        if (name == "dict") {
            count(0, 1);
            Value d = make_seq(Value::Kind::Dict, {}, c);
            if (args.size() == 1) {
                if (args[0].kind == Value::Kind::Dict) {
                    *d.items = *args[0].items;
                } else {
                    for (const Value& pair : iterable(0)) {
                        if (!is_seq(pair) || pair.items->size() != 2) {
                            parse_fail(c, "dictionary update sequence element has the wrong length; 2 is required");
                        }
                        dict_set(d, (*pair.items)[0], (*pair.items)[1], c);
                    }
                }
            }
            for (const auto& [k, v] : keywords) dict_set(d, make_str(k, c), v, c);
            return make_seq(Value::Kind::Dict, *d.items, c);
        }
        if (name == "tuple" || name == "list" || name == "reversed" || name == "sorted") {
            count(name == "tuple" || name == "list" ? 0 : 1, 1);
            std::vector<Value> items = args.empty() ? std::vector<Value>{} : iterable(0);
            if (name == "reversed") std::reverse(items.begin(), items.end());
            if (name == "sorted") {
                for (const Value& v : items) {
                    if (!is_number(v) && v.kind != Value::Kind::Str) parse_fail(c, "sorted() supports numbers and strings only here");
                    if (is_number(v) != is_number(items[0])) parse_fail(c, "'<' not supported between numbers and strings");
                }
                spend(items.size() * 8, c);
                std::stable_sort(items.begin(), items.end(), [](const Value& a, const Value& b) { return less(a, b); });
                const Value* rev = keyword("reverse");
                if (rev && truthy(*rev)) std::reverse(items.begin(), items.end());
            }
            return make_seq(name == "tuple" ? Value::Kind::Tuple : Value::Kind::List, std::move(items), c);
        }
        if (name == "sum" || name == "any" || name == "all") {
            count(1, name == "sum" ? 2 : 1);
            const std::vector<Value> items = iterable(0);
            if (name != "sum") {
                bool any = false, all = true;
                for (const Value& v : items) {
                    const bool t = condition(v, *c.items[0], (name + "()").c_str());
                    any = any || t;
                    all = all && t;
                }
                return make_bool(name == "any" ? any : all);
            }
            Value total = args.size() == 2 ? args[1] : make_int(0);
            if (const Value* s = keyword("start")) total = *s;
            for (const Value& v : items) total = binary("+", total, v, c);
            return total;
        }
        if (name == "str") {
            count(0, 1);
            if (args.empty()) return make_str("", c);
            const std::optional<std::string> text = to_text(args[0], false, c, 0);
            if (!text) return text_unavailable(args[0], c);
            return make_str(*text, c);
        }
        if (name == "min" || name == "max") {
            if (args.size() == 1) args = iterable(0);
            if (args.empty()) parse_fail(c, name + "() arg is an empty sequence");
            Value best = args[0];
            for (const Value& v : args) {
                if ((!is_number(v) || !is_number(best)) && (v.kind != Value::Kind::Str || best.kind != Value::Kind::Str)) {
                    parse_fail(c, name + "() supports numbers (or strings) only here");
                }
                if (name == "min" ? less(v, best) : less(best, v)) best = v;
            }
            return best;
        }
        if (name == "len") {
            count(1, 1);
            const Value& v = args[0];
            if (v.kind == Value::Kind::Str) {
                spend_text(v.str().size(), c);
                return make_int(static_cast<std::int64_t>(utf8_length(v.str())));
            }
            if (is_seq(v)) return make_int(static_cast<std::int64_t>(v.items->size()));
            if (v.kind == Value::Kind::Dict) return make_int(static_cast<std::int64_t>(v.items->size() / 2));
            if (v.kind == Value::Kind::Range) return make_int(range_length(v));
            parse_fail(c, std::string("object of type '") + type_name(v) + "' has no len()");
        }
        if (name == "chr") {  // f"block{i + 1}{chr(j + 97)}_" (EfficientNet's block names)
            count(1, 1);
            if (!is_integer(args[0])) parse_fail(c, std::string("'") + type_name(args[0]) + "' object cannot be interpreted as an integer");
            const std::int64_t code = as_int(args[0]);
            if (code < 0 || code > 0x10FFFF) parse_fail(c, "chr() arg not in range(0x110000)");
            std::string out;
            importer::append_utf8(out, static_cast<char32_t>(code));
            return make_str(std::move(out), c);
        }
        if (name == "bool") {
            count(0, 1);
            return make_bool(!args.empty() && truthy(args[0]));
        }
        if ((name == "int" || name == "float") && args.empty()) return name == "int" ? make_int(0) : make_float(0.0);
        if (name == "round") {
            count(1, 2);
            if (args.size() == 2 && args[1].kind != Value::Kind::None) {
                if (!is_integer(args[1]) || !is_number(args[0])) parse_fail(c, "round() takes a number and an integer here");
                if (is_integer(args[0])) return make_int(as_int(args[0]));  // no digits below the units
                const std::int64_t digits = std::clamp<std::int64_t>(as_int(args[1]), -300, 300);
                if (digits < 0) {
                    const double scale = std::pow(10.0, static_cast<double>(-digits));
                    return make_float(std::nearbyint(args[0].f / scale) * scale);
                }
                const std::string t = importer::format_float(args[0].f, "." + std::to_string(digits) + "f");
                return make_float(std::strtod(t.c_str(), nullptr));
            }
        } else {
            count(1, 1);
        }
        const Value& v = args[0];
        if (v.kind == Value::Kind::Str && (name == "int" || name == "float")) return parse_number(name, v.str(), c);
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
        if (!(x > -9.2e18 && x < 9.2e18)) parse_fail(c, "cannot convert " + repr(v, c) + " to a 64-bit integer");
        return make_int(static_cast<std::int64_t>(std::trunc(x)));
    }

    static bool less(const Value& a, const Value& b) {
        if (a.kind == Value::Kind::Str && b.kind == Value::Kind::Str) return a.str() < b.str();
        if (is_integer(a) && is_integer(b)) return as_int(a) < as_int(b);
        return as_float(a) < as_float(b);
    }

    static std::int64_t range_length(const Value& r) {
        const __int128 span = r.step > 0 ? static_cast<__int128>(r.stop) - r.i : static_cast<__int128>(r.i) - r.stop;
        const __int128 step = r.step > 0 ? r.step : -static_cast<__int128>(r.step);
        if (span <= 0) return 0;
        const __int128 n = (span + step - 1) / step;
        return n > std::numeric_limits<std::int64_t>::max() ? std::numeric_limits<std::int64_t>::max()
                                                             : static_cast<std::int64_t>(n);
    }

    Value parse_number(const std::string& name, const std::string& text, const Expr& c) {
        std::string t = text;
        while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.pop_back();
        std::size_t b = 0;
        while (b < t.size() && std::isspace(static_cast<unsigned char>(t[b]))) ++b;
        t = t.substr(b);
        char* end = nullptr;
        if (name == "int") {
            errno = 0;
            const long long v = t.empty() ? 0 : std::strtoll(t.c_str(), &end, 10);
            if (t.empty() || *end != '\0' || errno == ERANGE) {
                parse_fail(c, "invalid literal for int() with base 10: " + importer::python_str_repr(text));
            }
            return make_int(v);
        }
        const double v = t.empty() ? 0.0 : std::strtod(t.c_str(), &end);
        if (t.empty() || *end != '\0') parse_fail(c, "could not convert string to float: " + importer::python_str_repr(text));
        return make_float(v);
    }

    // isinstance(x, int) / isinstance(x, (list, tuple)) for the builtin types.
    Value isinstance(const Expr& c) {
        if (c.items.size() != 2 || !c.kwargs.empty()) parse_fail(c, "isinstance expected 2 arguments");
        const Value v = eval(*c.items[0]);
        if (is_run_time(v)) return make_opaque(c, origin_of(v));
        std::vector<const Expr*> types;
        const Expr& t = *c.items[1];
        if (t.kind == Expr::Kind::Tuple) {
            for (const auto& it : t.items) types.push_back(it.get());
        } else {
            types.push_back(&t);
        }
        bool match = false;
        for (const Expr* te : types) {
            if (te->kind != Expr::Kind::Name || lookup(te->text)) {
                parse_fail(*te, "isinstance() supports the builtin types int, float, str, bool, list, tuple and dict here");
            }
            const std::string& n = te->text;
            match = match || (n == "int" && is_integer(v)) || (n == "float" && v.kind == Value::Kind::Float) ||
                    (n == "str" && v.kind == Value::Kind::Str) || (n == "bool" && v.kind == Value::Kind::Bool) ||
                    (n == "list" && v.kind == Value::Kind::List) || (n == "tuple" && v.kind == Value::Kind::Tuple) ||
                    (n == "dict" && v.kind == Value::Kind::Dict);
        }
        return make_bool(match);
    }

    // What a call of a module attribute or bare name builds.
    struct PathCall {
        enum class Kind {
            Nothing, Sequential, Functional, Input, InputLayer, Builtin, Merge, DataFormat, Layer, Unknown,
            Application,  // keras.applications.ResNet50(...): a builder's function (name: "resnet.ResNet50")
            PortNative,   // what the builders call that PadLab computes itself (run_port_native)
        };
        Kind kind = Kind::Nothing;
        std::string name;
        const LayerType* type = nullptr;
    };

    // A thin dispatcher: its frame is live while the arguments of the call are evaluated.
    PADLAB_NOINLINE Value call_path(const Value& f, const Expr& c, bool statement) {
        const PathCall p = classify_path(f, c, statement);
        switch (p.kind) {
            case PathCall::Kind::Nothing: return make_none();
            case PathCall::Kind::Sequential: return make_sequential(c);
            case PathCall::Kind::Functional: return make_functional(p.name, c);
            case PathCall::Kind::Input: return make_input(c, false);
            case PathCall::Kind::InputLayer: return make_input(c, true);
            case PathCall::Kind::Builtin: return builtin(p.name, c);
            case PathCall::Kind::Merge: return merge_function(p.name, *p.type, c);
            case PathCall::Kind::DataFormat: return make_str("channels_last", c);  // Keras's default
            case PathCall::Kind::Layer: return make_layer(*p.type, c);
            case PathCall::Kind::Unknown: return unknown_call(f.str(), c);
            case PathCall::Kind::Application: return call_application(p, f.str(), c);
            case PathCall::Kind::PortNative: return run_port_native(p.name, c);
        }
        return make_none();
    }

    PADLAB_NOINLINE PathCall classify_path(const Value& f, const Expr& c, bool statement) {
        using K = PathCall::Kind;
        const std::string& path = f.str();
        const std::string name = last_component(path);
        const std::vector<std::string> parts = split_path(path);
        if (name == "Sequential") return {K::Sequential, name};
        if (name == "Model" || name == "Functional") return {K::Functional, name};
        if ((f.bare || parts[0] == "builtins") && refused_builtin(name)) {
            throw UnsupportedError(name + "() is not part of PadLab's Python subset: PadLab runs only the code it reads",
                                   at(c));
        }
        // model.add(...) with `model` never assigned: the snippet lacks `model = Sequential()`.
        if (!f.bare && (name == "add" || name == "pop" || name == "build")) {
            const bool module = parts[0] == "tf" || parts[0] == "keras" || parts[0] == "np" || parts[0] == "K" ||
                                parts[0] == "layers";
            if (parts.size() == 2 && !module && !module_->imports.count(parts[0]) && c.a->kind == Expr::Kind::Attribute &&
                c.a->a->kind == Expr::Kind::Name) {
                parse_fail(*c.a->a, "name '" + parts[0] + "' is not defined");
            }
        }
        // Before the statement rule: an application builds a model even when its value is unused.
        if (std::optional<applications::Target> t = applications::find_target(parts, module_->application)) {
            return {K::Application, std::string(t->module) + "." + t->function};
        }
        if (applications::is_applications_path(parts) && !name.empty() && std::isupper(static_cast<unsigned char>(name[0]))) {
            throw UnsupportedError("'" + path + "' is not one of the Keras Applications PadLab builds", at(c));
        }
        if (module_->application && port_native(parts)) return {K::PortNative, parts[parts.size() - 2] + "." + name};
        if (statement) {
            // print(model.summary()) still summarises: print's arguments are evaluated, and what
            // cannot be (print(x_train.shape) with x_train undefined) is ignored.
            if (f.bare && name == "print") {
                for (const auto& p : c.items) {
                    try {
                        eval(*p);
                    } catch (const LimitError&) {
                        throw;
                    } catch (const Error&) {
                    }
                }
            }
            return {K::Nothing, name};
        }
        if (name == "Input") return {K::Input, name};
        if (name == "InputLayer") return {K::InputLayer, name};
        if (f.bare && is_builtin(name)) return {K::Builtin, name};
        if (const char* cls = merge_function_class(name)) {
            const bool in_layers = std::find(parts.begin(), parts.end() - 1, "layers") != parts.end() - 1;
            if (f.bare || in_layers) return {K::Merge, name, layer_type(cls)};
        }
        if (name == "image_data_format") return {K::DataFormat, name};
        if (const LayerType* t = layer_type(name)) return {K::Layer, name, t};
        return {K::Unknown, name};
    }

    // A call of something that is neither a layer nor a model (an initializer, a regularizer, a
    // data loader): kept as {"class_name", "config"} when its arguments can be evaluated.
    PADLAB_NOINLINE Value unknown_call(const std::string& path, const Expr& c) {
        const std::string name = last_component(path);
        auto obj = std::make_shared<LayerObj>();
        obj->class_name = name;
        obj->line = c.line;
        obj->column = c.column;
        obj->source = source_of(c);
        std::size_t weight = 1;
        struct Arg {
            std::string key;  // "" for a positional argument
            Value value;
            const Expr* expr;
        };
        std::vector<Arg> values;
        try {
            for (const auto& p : c.items) values.push_back({"", eval(*p), p.get()});
            for (const auto& kw : c.kwargs) values.push_back({kw.first, eval(*kw.second), kw.second.get()});
        } catch (const LimitError&) {
            throw;
        } catch (const Error& err) {
            return unknown_opaque(name, c, err);
        }
        for (const Arg& a : values) {
            if (has_tensor(a.value, *a.expr, 0)) {
                throw UnsupportedError("calling '" + path + "' on a tensor is not supported: PadLab models Keras "
                                       "layers, not TensorFlow or NumPy functions; use the matching layer from "
                                       "keras.layers", at(c));
            }
        }
        try {
            json args = json::array();
            for (const Arg& a : values) {
                weight += a.value.weight;
                if (a.key.empty()) {
                    args.push_back(to_json(a.value, *a.expr, ""));
                } else {
                    obj->config[a.key] = to_json(a.value, *a.expr, "");
                }
            }
            if (!args.empty()) obj->config["args"] = std::move(args);
        } catch (const LimitError&) {
            throw;
        } catch (const Error& err) {
            return unknown_opaque(name, c, err);
        }
        obj->weight = weight;
        Value v;
        v.kind = Value::Kind::Object;
        v.weight = weight;
        v.layer = std::move(obj);
        return v;
    }
    Value unknown_opaque(const std::string& name, const Expr& c, const Error& err) const {
        auto o = std::make_shared<Origin>();
        o->text = source_of(c);
        o->line = c.line;
        o->reason = std::string(err.what());
        o->unknown_class = name;
        return make_opaque(c, std::move(o));
    }

    // ------------------------------------------------------------------ models
    Value model_value(std::shared_ptr<ModelObj> m) const {
        Value v;
        v.kind = Value::Kind::Model;
        v.model = std::move(m);
        return v;
    }

    PADLAB_NOINLINE Value make_sequential(const Expr& c) {
        auto model = std::make_shared<ModelObj>();
        model->line = c.line;
        model->column = c.column;
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
        if (name) model->name = model_name(*name, "Sequential");
        if (layers) {
            if (layers->kind == Expr::Kind::List || layers->kind == Expr::Kind::Tuple) {
                for (const auto& item : layers->items) add_layer(*model, as_layer(*item, "Sequential()"), *item);
            } else {
                const Value list = eval(*layers);
                if (is_seq(list)) {
                    const std::vector<Value>& items = *list.items;
                    for (const Value& item : items) {
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
        return model_value(std::move(model));
    }

    std::string model_name(const Expr& e, const std::string& who) {
        const Value n = eval(e);
        if (n.kind == Value::Kind::Str) return n.str();
        if (n.kind == Value::Kind::Opaque) unevaluated(n, e, who + "() name: ");
        if (n.kind != Value::Kind::None && n.kind != Value::Kind::Bool) {
            throw ArgumentError(who + "() name must be a string, got " + type_name(n), at(e));
        }
        return "";
    }

    // keras.Model(inputs, outputs, name=...): a graph from the input tensors to the outputs.
    PADLAB_NOINLINE Value make_functional(const std::string& who, const Expr& c) {
        const std::vector<KeywordValue> args = bind(who, {"inputs", "outputs", "name"}, c);
        const KeywordValue* inputs = nullptr;
        const KeywordValue* outputs = nullptr;
        auto model = std::make_shared<ModelObj>();
        model->functional = true;
        model->line = site(c).line;
        model->column = site(c).column;
        for (const KeywordValue& kv : args) {
            if (kv.name == "inputs") inputs = &kv;
            if (kv.name == "outputs") outputs = &kv;
            if (kv.name == "name") model->name = model_name(*kv.expr, who);
        }
        if (!inputs || !outputs) {
            throw UnsupportedError(who + "() without inputs and outputs builds a subclassed model, which PadLab does "
                                         "not support; write " + who + "(inputs, outputs)", at(c));
        }
        model_tensors(inputs->value, *inputs->expr, model->inputs, true, 0);
        model_tensors(outputs->value, *outputs->expr, model->outputs, false, 0);
        if (outputs->value.kind == Value::Kind::Dict) {
            model->output_structure = ModelObj::Structure::Dict;
            for (std::size_t k = 0; k < outputs->value.items->size(); k += 2) {
                model->output_keys.push_back((*outputs->value.items)[k]);
            }
        } else if (is_seq(outputs->value)) {
            model->output_structure = ModelObj::Structure::List;
        }
        models_.push_back(model);
        return model_value(std::move(model));
    }

    // The tensors of a model's inputs or outputs (a tensor, a list/tuple, a dict's values).
    void model_tensors(const Value& v, const Expr& e, std::vector<TensorRef>& out, bool inputs, int depth) {
        check_walk_depth(depth, e);
        spend(1, e);
        if (v.kind == Value::Kind::Tensor) {
            const LayerObj& producer = *layers_[static_cast<std::size_t>(v.tensor.layer)];
            if (inputs && (producer.class_name != "InputLayer" || !producer.calls.empty())) {
                throw UnsupportedError("Functional model inputs must come from `tf.keras.Input` (thus holding past "
                                       "layer metadata), they cannot be the output of a previous non-Input layer. "
                                       "Here, a tensor specified as input to the model was not an Input tensor, it "
                                       "was generated by the " + producer.class_name + " layer on line " +
                                           std::to_string(producer.line) + ".", at(e));
            }
            out.push_back(v.tensor);
            return;
        }
        if (is_seq(v) || v.kind == Value::Kind::Dict) {
            const std::vector<Value>& items = *v.items;
            const bool dict = v.kind == Value::Kind::Dict;
            const bool literal = !dict && (e.kind == Expr::Kind::List || e.kind == Expr::Kind::Tuple) &&
                                 e.items.size() == items.size();
            for (std::size_t k = dict ? 1 : 0; k < items.size(); k += dict ? 2 : 1) {
                model_tensors(items[k], literal ? *e.items[k] : e, out, inputs, depth + 1);
            }
            return;
        }
        std::string found = repr(v, e);
        if (is_run_time(v) && v.origin && !v.origin->reason.empty()) found += " (" + v.origin->reason + ")";
        if (inputs) {
            throw ArgumentError("Input tensors to a Functional must come from `tf.keras.Input`. Received: " + found +
                                    " (missing previous layer metadata).", at(e));
        }
        throw ArgumentError("Output tensors of a Functional model must be the output of a TensorFlow `Layer` (thus "
                            "holding past layer metadata). Found: " + found, at(e));
    }

    // The layer standing for a model used as a layer (created at its first use).
    LayerObj& model_layer(ModelObj& m) {
        if (m.layer_id < 0) {
            auto l = std::make_shared<LayerObj>();
            l->class_name = m.functional ? "Functional" : "Sequential";
            if (!m.name.empty()) l->config["name"] = m.name;
            l->line = m.line;
            l->column = m.column;
            l->model = &m;
            m.layer_id = register_layer(std::move(l));
        }
        return *layers_[static_cast<std::size_t>(m.layer_id)];
    }

    int register_layer(std::shared_ptr<LayerObj> l) {
        l->id = static_cast<int>(layers_.size());
        layers_.push_back(std::move(l));
        return layers_.back()->id;
    }

    Value layer_as_value(const LayerObj& l) const {
        if (l.model) {
            for (const auto& m : models_) {
                if (m.get() == l.model) return model_value(m);
            }
        }
        Value v;
        v.kind = Value::Kind::Layer;
        v.layer = layers_[static_cast<std::size_t>(l.id)];
        v.weight = l.weight;
        return v;
    }

    static std::string layer_label(const LayerObj& l) {
        if (l.config.contains("name") && l.config["name"].is_string()) {
            return "the layer '" + l.config["name"].get<std::string>() + "'";
        }
        return "the " + l.class_name + " layer of line " + std::to_string(l.line);
    }

    // The same layer object may be added many times; the model's total size is what the
    // importer copies out, so that is what is capped.
    void add_layer(ModelObj& model, std::shared_ptr<LayerObj> layer, const Expr& e) {
        if (!layer->calls.empty()) {
            throw UnsupportedError(layer_label(*layer) + " is called on a tensor (line " +
                                       std::to_string(layer->calls[0].line) +
                                       ") and added to a Sequential model; PadLab needs each layer in one kind of model",
                                   at(e));
        }
        if (layer->model == &model) throw UnsupportedError("cannot add a model to itself", at(e));
        if (layer->added_line == 0) layer->added_line = e.line;
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
                if (layer_type(cls) || cls == "Input" || cls == "InputLayer") {
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
            case Value::Kind::Tensor: {
                // keras.Input(...) in a Sequential stands for its InputLayer.
                const auto& producer = layers_[static_cast<std::size_t>(v.tensor.layer)];
                if (producer->class_name == "InputLayer" && producer->calls.empty()) return producer;
                throw ArgumentError(who + ": the added layer must be an instance of class Layer. Received: " +
                                        source_of(e) + " (a tensor: the output of a layer call)", at(e));
            }
            case Value::Kind::Model:
                return layers_[static_cast<std::size_t>(model_layer(*v.model).id)];
            case Value::Kind::Object:
                throw_unknown_layer_class(v.layer->class_name, {"", v.layer->line, v.layer->column});
            case Value::Kind::Opaque:
                if (v.origin && !v.origin->unknown_class.empty()) {
                    throw_unknown_layer_class(v.origin->unknown_class, at(e));
                }
                unevaluated(v, e, who + ": ");
            default:
                throw ArgumentError(who + ": the added layer must be an instance of class Layer. Received: " +
                                        source_of(e) + " (of type " + type_name(v) + ")", at(e));
        }
    }

    // ------------------------------------------------------------------ layer calls (Functional)
    // layer(x), layer([a, b]), model(x): records the call and returns its output tensor(s).
    // `input`: the inputs argument when the caller has already evaluated it.
    PADLAB_NOINLINE Value call_layer(LayerObj& layer, const Expr& c, const Value* input = nullptr) {
        if (layer.class_name == "InputLayer" && !layer.model) {
            throw UnsupportedError("an InputLayer cannot be called on a tensor; use keras.Input(shape=...) for a "
                                   "model input", at(c));
        }
        if (layer.added_line) {
            throw UnsupportedError(layer_label(layer) + " is added to a Sequential model (line " +
                                       std::to_string(layer.added_line) +
                                       ") and called on a tensor; PadLab needs each layer in one kind of model",
                                   at(c));
        }
        if (const LayerType* t = layer.model ? nullptr : layer_type(layer.class_name); t && !t->call_tensors.empty())
            return call_on_tensors(layer, *t, c);
        if (c.items.size() > 1) {
            throw UnsupportedError("calling a layer with " + std::to_string(c.items.size()) + " positional arguments is "
                                   "not supported: PadLab passes one argument, a tensor or a list of tensors",
                                   at(*c.items[1]));
        }
        const Expr* arg = c.items.empty() ? nullptr : c.items[0].get();
        for (const auto& kw : c.kwargs) {
            if (kw.first == "inputs") arg = kw.second.get();
        }
        if (!arg) throw ArgumentError(layer.class_name + ".call() missing 1 required positional argument: 'inputs'", at(c));
        Value in = input ? *input : eval(*arg);
        // rnn(x, initial_state=[h, c]) (SimpleRNN / LSTM / GRU): Keras 2's RNN.__call__ calls the
        // layer on [x, h, c] (tf_keras/layers/rnn/base_rnn.py), which is how the call is recorded.
        const LayerType* type = layer.model ? nullptr : find_layer_type(layer.class_name);
        const std::string states_keyword(type ? type->states_keyword : std::string_view{});
        const bool takes_states = !states_keyword.empty();
        for (const auto& kw : c.kwargs) {
            if (kw.first != states_keyword || !takes_states) continue;
            const Value states = eval(*kw.second);
            if (states.kind == Value::Kind::None) continue;
            if (in.kind != Value::Kind::Tensor) not_a_tensor(in, *arg, true);
            std::vector<Value> all{in};
            if (states.kind == Value::Kind::Tensor) all.push_back(states);
            else if (is_seq(states)) all.insert(all.end(), states.items->begin(), states.items->end());
            else not_a_tensor(states, *kw.second, true);
            in = make_seq(Value::Kind::List, std::move(all), c);
        }
        for (const auto& kw : c.kwargs) {  // training=False, mask=None: no effect on the structure
            if (kw.first == "inputs" || (takes_states && kw.first == states_keyword)) continue;
            const Value v = eval(*kw.second);
            if (has_tensor(v, *kw.second, 0)) {
                throw UnsupportedError("passing tensors as the keyword argument '" + kw.first + "=' of a layer call is "
                                       "not supported", at(*kw.second));
            }
        }
        return connect(layer, in, *arg, c);
    }

    // mha(query, value), mha(query, value, key), mha(query=q, value=v): a layer whose call takes
    // several tensors as separate arguments (LayerType::call_tensors). The tensors given are
    // recorded in the call signature's order as a list call, so summarize() hands them to the
    // layer's infer_list. Other keyword arguments may not be tensors (attention_mask=... is not
    // modelled); return_attention_scores=True would make two outputs and is refused.
    Value call_on_tensors(LayerObj& layer, const LayerType& type, const Expr& c) {
        const auto& names = type.call_tensors;
        std::vector<const Expr*> given(names.size(), nullptr);
        if (c.items.size() > names.size()) {
            throw ArgumentError(layer.class_name + ".call() takes at most " + std::to_string(names.size()) +
                                    " tensor arguments (" + joined_names(names) + "), but " +
                                    std::to_string(c.items.size()) + " were given",
                                at(*c.items[names.size()]));
        }
        for (std::size_t i = 0; i < c.items.size(); ++i) given[i] = c.items[i].get();
        for (const auto& kw : c.kwargs) {
            const auto it = std::find(names.begin(), names.end(), kw.first);
            if (it != names.end()) {
                const auto i = static_cast<std::size_t>(it - names.begin());
                if (given[i]) {
                    throw ArgumentError(layer.class_name + ".call() got multiple values for argument '" + kw.first + "'",
                                        at(*kw.second));
                }
                given[i] = kw.second.get();
                continue;
            }
            const Value v = eval(*kw.second);
            if (kw.first == "return_attention_scores" && v.kind == Value::Kind::Bool && v.b) {
                throw UnsupportedError("return_attention_scores=True (a call with two outputs) is not supported",
                                       at(*kw.second));
            }
            if (has_tensor(v, *kw.second, 0)) {
                throw UnsupportedError("passing tensors as the keyword argument '" + kw.first + "=' of a layer call is "
                                       "not supported", at(*kw.second));
            }
        }
        CallRec rec;
        rec.line = c.line;
        rec.column = c.column;
        rec.list_input = true;
        // Required: the first two (query, value); later ones optional, but not after a gap.
        for (std::size_t i = 0; i < names.size(); ++i) {
            if (!given[i]) {
                if (i < 2) {
                    throw ArgumentError(layer.class_name + ".call() missing 1 required positional argument: '" +
                                            std::string(names[i]) + "'",
                                        at(c));
                }
                for (std::size_t j = i + 1; j < names.size(); ++j) {
                    if (given[j]) {
                        throw UnsupportedError("calling " + layer.class_name + " with '" + std::string(names[j]) +
                                                   "' but without '" + std::string(names[i]) + "' is not supported",
                                               at(*given[j]));
                    }
                }
                break;
            }
            const Value v = eval(*given[i]);
            if (v.kind != Value::Kind::Tensor) not_a_tensor(v, *given[i], true);
            rec.inputs.push_back(v.tensor);
        }
        spend(rec.inputs.size() + 1, c);
        const int node = static_cast<int>(layer.calls.size());
        layer.calls.push_back(std::move(rec));
        return make_tensor(layer.id, node, 0);
    }

    Value connect(LayerObj& layer, const Value& in, const Expr& arg, const Expr& c) {
        CallRec rec;
        rec.line = site(c).line;
        rec.column = site(c).column;
        if (in.kind == Value::Kind::Tensor) {
            rec.inputs.push_back(in.tensor);
        } else if (is_seq(in)) {
            rec.list_input = true;
            flatten_tensors(in, arg, true, rec.inputs, 0);
        } else if (in.kind == Value::Kind::Dict) {
            throw UnsupportedError("calling a layer on a dict of tensors is not supported", at(arg));
        } else {
            not_a_tensor(in, arg, true);
        }
        spend(rec.inputs.size() + 1, c);
        const int node = static_cast<int>(layer.calls.size());
        layer.calls.push_back(std::move(rec));
        if (!layer.model) {
            // A layer with several outputs (LSTM(8, return_state=True): [output, h, c]) returns
            // them as a list (Keras 2; a tuple in Keras 3), so `x, h, c = lstm(inp)` unpacks it.
            const LayerType* type = find_layer_type(layer.class_name);
            const std::size_t n = type && type->output_count ? type->output_count(layer.config) : 1;
            if (n <= 1) return make_tensor(layer.id, node, 0);
            std::vector<Value> outs;
            for (std::size_t k = 0; k < n; ++k) outs.push_back(make_tensor(layer.id, node, static_cast<int>(k)));
            return make_seq(Value::Kind::List, std::move(outs), c);
        }
        if (!layer.model->functional || layer.model->output_structure == ModelObj::Structure::Single) {
            return make_tensor(layer.id, node, 0);
        }
        const ModelObj& m = *layer.model;
        std::vector<Value> outs;
        for (std::size_t k = 0; k < m.outputs.size(); ++k) {
            if (m.output_structure == ModelObj::Structure::Dict) outs.push_back(m.output_keys[k]);
            outs.push_back(make_tensor(layer.id, node, static_cast<int>(k)));
        }
        return make_seq(m.output_structure == ModelObj::Structure::Dict ? Value::Kind::Dict : Value::Kind::List,
                        std::move(outs), c);
    }

    // `own`: e is the expression of v itself (else of an enclosing list).
    void flatten_tensors(const Value& v, const Expr& e, bool own, std::vector<TensorRef>& out, int depth) {
        check_walk_depth(depth, e);
        const std::vector<Value>& items = *v.items;
        const bool literal = own && (e.kind == Expr::Kind::List || e.kind == Expr::Kind::Tuple) &&
                             e.items.size() == items.size();
        for (std::size_t k = 0; k < items.size(); ++k) {
            const Expr& item_expr = literal ? *e.items[k] : e;
            if (items[k].kind == Value::Kind::Tensor) {
                out.push_back(items[k].tensor);
            } else if (is_seq(items[k])) {
                flatten_tensors(items[k], item_expr, literal, out, depth + 1);
            } else {
                not_a_tensor(items[k], item_expr, literal);
            }
        }
    }

    [[noreturn]] void not_a_tensor(const Value& v, const Expr& e, bool own) {
        std::string m = "Inputs to a layer should be tensors. Got: " + (own ? source_of(e) : repr(v, e));
        if (is_run_time(v)) {
            m += " (a value PadLab does not compute; only keras.Input(...) and the outputs of layer calls are tensors)";
        }
        throw ArgumentError(m, at(e));
    }

    // layers.add([a, b]), layers.concatenate([a, b], axis=1), layers.dot([a, b], axes=1)...:
    // the merge layer built from the other arguments, called on the inputs.
    PADLAB_NOINLINE Value merge_function(const std::string& name, const LayerType& type, const Expr& c) {
        std::vector<std::string_view> names = {"inputs"};
        names.insert(names.end(), type.positional.begin(), type.positional.end());
        std::vector<KeywordValue> args = bind(name, names, c);
        const auto it = std::find_if(args.begin(), args.end(), [](const KeywordValue& kv) { return kv.name == "inputs"; });
        if (it == args.end()) throw ArgumentError(name + "() missing 1 required positional argument: 'inputs'", at(c));
        const KeywordValue inputs = *it;
        args.erase(it);
        const Value layer = build_layer(std::string(type.class_name), args, c);
        return connect(*layer.layer, inputs.value, *inputs.expr, c);
    }

    // ------------------------------------------------------------------ layers
    json to_json(const Value& v, const Expr& e, const std::string& context, int depth = 0) {
        check_walk_depth(depth, e);
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
                const std::vector<Value>& items = *v.items;
                for (const Value& it : items) out.push_back(to_json(it, e, context, depth + 1));
                return out;
            }
            case Value::Kind::Dict: {
                json out = json::object();
                const std::vector<Value>& items = *v.items;
                for (std::size_t k = 0; k + 1 < items.size(); k += 2) {
                    const Value& key = items[k];
                    const std::string name = key.kind == Value::Kind::Str ? key.str() : repr(key, e);
                    out[name] = to_json(items[k + 1], e, context, depth + 1);
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
            case Value::Kind::Tensor:
                throw UnsupportedError(context + "a tensor cannot be used as a layer argument", at(e));
            case Value::Kind::Range:
            case Value::Kind::Function:
            case Value::Kind::BoundMethod:
                throw UnsupportedError(context + "a " + type_name(v) + " ('" + source_of(e) +
                                           "') cannot be used as a layer argument", at(e));
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
        if (is_seq(v)) return to_json(v, *kv.expr, who + " argument '" + kv.name + "': ");
        if (v.kind == Value::Kind::Opaque || v.kind == Value::Kind::Path) {
            unevaluated(v, *kv.expr, who + " argument '" + kv.name + "': ");
        }
        std::string m = who + " argument '" + kv.name + "' must be a tuple such as (28, 28, 1); got " + repr(v, *kv.expr);
        if (is_integer(v)) m += " (a 1-tuple is written (" + std::to_string(as_int(v)) + ",))";
        throw ArgumentError(m, at(*kv.expr));
    }

    static std::size_t args_weight(const std::vector<KeywordValue>& args) {
        std::size_t w = 1;
        for (const KeywordValue& kv : args) w += kv.value.weight;
        return w;
    }

    Value layer_value(std::shared_ptr<LayerObj> obj, const Expr& c, std::size_t weight) {
        obj->line = site(c).line;
        obj->column = site(c).column;
        obj->weight = weight;
        register_layer(obj);
        Value v;
        v.kind = Value::Kind::Layer;
        v.weight = weight;
        v.layer = std::move(obj);
        return v;
    }

    PADLAB_NOINLINE Value make_layer(const LayerType& type, const Expr& c) {
        const std::string cls(type.class_name);
        check_keywords(cls, c);
        return build_layer(cls, bind(cls, type.positional, c), c);
    }

    // A keyword the class's constructor does not take (layer_keywords.hpp): tf.keras's own
    // TypeError text, located at the keyword's value, with the nearest keyword it takes. Before
    // binding, so Conv2D(32, kernal_size=3) names the typo, not the kernel_size it left missing.
    static void check_keywords(const std::string& cls, const Expr& c) {
        const std::vector<std::string_view>* known = layer_keywords(cls);
        if (!known) return;
        for (const auto& [name, value] : c.kwargs) {
            if (name.empty() || std::find(known->begin(), known->end(), name) != known->end()) continue;
            throw ArgumentError(with_suggestion("('Keyword argument not understood:', '" + name + "')", name, *known),
                                at(*value));
        }
    }

    Value build_layer(const std::string& class_name, const std::vector<KeywordValue>& args, const Expr& c) {
        auto obj = std::make_shared<LayerObj>();
        obj->class_name = class_name;
        const KeywordValue* input_shape = nullptr;
        const KeywordValue* batch_input_shape = nullptr;
        const KeywordValue* batch_size = nullptr;
        const KeywordValue* input_dim = nullptr;
        const KeywordValue* input_length = nullptr;
        // Embedding(input_dim, ...): there input_dim is an argument of the layer, not the
        // shape shorthand. Keras 2's RNN.__init__ (tf_keras/layers/rnn/base_rnn.py) turns
        // input_dim / input_length into input_shape=(input_length, input_dim).
        const LayerType* type = find_layer_type(class_name);
        const bool own_input_dim =
            type && std::find(type->positional.begin(), type->positional.end(), "input_dim") != type->positional.end();
        const bool rnn = class_name == "SimpleRNN" || class_name == "LSTM" || class_name == "GRU";
        for (const KeywordValue& kv : args) {
            if (kv.name == "input_shape") input_shape = &kv;
            else if (kv.name == "batch_input_shape") batch_input_shape = &kv;
            else if (kv.name == "batch_size") batch_size = &kv;
            else if (kv.name == "input_dim" && !own_input_dim) input_dim = &kv;
            else if (kv.name == "input_length" && rnn) input_length = &kv;
            else if (obj->class_name == "Lambda" && (kv.name == "function" || kv.name == "mask") &&
                     (kv.expr->kind == Expr::Kind::Lambda || kv.value.kind == Value::Kind::Function))
                obj->config[kv.name] = source_of(*kv.expr);  // a function PadLab never runs: kept as its source
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
        } else if (input_length || (input_dim && rnn)) {
            json shape = json::array({batch, nullptr, nullptr});
            for (const KeywordValue* kv : {input_length, input_dim}) {
                if (!kv || kv->value.kind == Value::Kind::None) continue;
                if (!is_integer(kv->value)) {
                    throw ArgumentError(obj->class_name + " argument '" + kv->name + "' must be an integer", at(*kv->expr));
                }
                shape[kv == input_length ? 1 : 2] = as_int(kv->value);
            }
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

    // Input(shape, batch_size, ...) -> a tensor of a new InputLayer; InputLayer(input_shape,
    // batch_size, ...) -> the layer. Both configs hold batch_input_shape; Keras 2 and 3 agree
    // on the first two positions only.
    PADLAB_NOINLINE Value make_input(const Expr& c, bool layer_class) {
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
        Value layer = layer_value(std::move(obj), c, args_weight(args));
        return layer_class ? layer : make_tensor(layer.layer->id, 0, 0);
    }

    // ------------------------------------------------------------------ Keras Applications
    // keras.applications.ResNet50(...) runs PadLab's builder of the application
    // (core/import/applications/<module>.py, see core/import/applications.hpp) on the snippet's
    // arguments. A builder runs in its own module (globals, imports); the layers and calls it makes
    // are attributed to the snippet's call (their line), and its errors are located there. Builders
    // may do what Keras's builders do and snippets may not: read tensor shapes (x.shape,
    // backend.int_shape), import warnings/copy/math, and raise Keras's ValueError texts.

    static bool port_importable(const std::string& path) {
        return path == "warnings" || path == "copy" || path == "math";
    }

    // The library functions the builders call that PadLab computes itself (run_port_native).
    static bool port_native(const std::vector<std::string>& parts) {
        if (parts.size() < 2) return false;
        static const std::pair<const char*, const char*> kNatives[] = {
            {"file_utils", "exists"},   {"backend", "is_keras_tensor"}, {"backend", "int_shape"},
            {"operation_utils", "get_source_inputs"}, {"warnings", "warn"}, {"math", "ceil"},
            {"math", "floor"},          {"math", "sqrt"},               {"copy", "deepcopy"},
            {"activations", "get"},
        };
        const std::string& owner = parts[parts.size() - 2];
        for (const auto& [o, f] : kNatives) {
            if (owner == o && parts.back() == f) return true;
        }
        return false;
    }

    // A builder's module, run once per import (its defs and constants).
    Module& port(const std::string& name, const Expr& c) {
        const auto it = ports_.find(name);
        if (it != ports_.end()) return *it->second;
        const std::string_view text = applications::module_source(name);
        if (text.empty()) throw UnsupportedError("PadLab has no builder module '" + name + "'", at(c));
        auto m = std::make_unique<Module>();
        m->name = name;
        m->source = text;
        m->application = true;
        m->program = parsed_port(name, text);
        m->globals = new_env(nullptr);
        m->globals->vars["__name__"] = make_text(Value::Kind::Str, "keras.src.applications." + name);
        Module& ref = *m;
        ports_.emplace(name, std::move(m));
        const ModuleSwap module(*this, &ref);
        const ScopeSwap scope(*this, ref.globals);
        exec_block(*ref.program);
        return ref;
    }

    // The builders are constants of the library: each is parsed once per process.
    static std::shared_ptr<const std::vector<Stmt>> parsed_port(const std::string& name, std::string_view text) {
        static std::mutex mutex;
        static std::map<std::string, std::shared_ptr<const std::vector<Stmt>>> cache;
        const std::lock_guard<std::mutex> lock(mutex);
        std::shared_ptr<const std::vector<Stmt>>& entry = cache[name];
        if (!entry) entry = std::make_shared<const std::vector<Stmt>>(importer::parse_python(text));
        return entry;
    }

    PADLAB_NOINLINE Value call_application(const PathCall& p, const std::string& path, const Expr& c) {
        const std::string module = p.name.substr(0, p.name.find('.'));
        Module* loaded = nullptr;
        try {
            loaded = &port(module, c);
        } catch (const Error& e) {
            if (module_->application) throw;
            relocate(e, module, c);
        }
        Module& m = *loaded;
        const auto it = m.globals->vars.find(p.name.substr(p.name.find('.') + 1));
        if (it == m.globals->vars.end() || it->second.kind != Value::Kind::Function) {
            throw UnsupportedError("'" + path + "' is not one of the Keras Applications PadLab builds", at(c));
        }
        const std::shared_ptr<const FunctionObj> fn = it->second.fn;
        if (module_->application) return call_function(*fn, c);  // one builder calling another
        check_callable(*fn, c);
        Env* scope = bind_arguments(*fn, c);  // the snippet's arguments, evaluated in its scope
        note_weights(*scope, fn->def->name);
        const Expr* saved = app_site_;
        app_site_ = &c;
        try {
            Value v = run_function(*fn, scope);
            app_site_ = saved;
            return v;
        } catch (const Error& e) {
            app_site_ = saved;
            relocate(e, module, c);
        }
    }

    // An error inside a builder, at the snippet's call: Keras's own ValueErrors and the layers'
    // errors as they are; anything else (what the builder does that PadLab cannot) names the
    // builder's line.
    [[noreturn]] static void relocate(const Error& e, const std::string& module, const Expr& c) {
        Location where = at(c);
        std::string message = e.what();
        if (dynamic_cast<const PortRaise*>(&e)) throw ArgumentError(message, where);
        if (!e.where().layer.empty()) {
            where.layer = e.where().layer;
        } else if (e.where().line > 0) {
            message += " (in core/import/applications/" + module + ".py line " + std::to_string(e.where().line) +
                       ", PadLab's builder)";
        }
        if (dynamic_cast<const ArgumentError*>(&e)) throw ArgumentError(message, where);
        if (dynamic_cast<const ShapeError*>(&e)) throw ShapeError(message, where);
        if (dynamic_cast<const ParseError*>(&e)) throw ParseError(message, where);
        if (dynamic_cast<const LimitError*>(&e)) throw LimitError(message, where);
        throw UnsupportedError(message, where);
    }

    // raise ValueError("...") in a builder: Keras's message, as the snippet's ArgumentError.
    void port_raise(const Stmt& s) {
        if (!s.value || s.value->kind != Expr::Kind::Call || s.value->items.empty()) return;
        const Value m = eval(*s.value->items[0]);
        if (m.kind == Value::Kind::Str) throw PortRaise(m.str(), at(s));
    }

    // weights='imagenet' (the default) or a file: accepted, never loaded.
    void note_weights(const Env& scope, const std::string& function) {
        const auto it = scope.vars.find("weights");
        if (it == scope.vars.end() || it->second.kind != Value::Kind::Str) return;
        const std::string& w = it->second.str();
        add_note(function + "(weights=" + importer::python_str_repr(w) + "): " +
                 (w == "imagenet" ? "the ImageNet weights are not loaded" : "the weights file is not loaded") +
                 "; PadLab builds the architecture, and the summary is the same");
    }
    void add_note(std::string note) {
        if (std::find(notes_.begin(), notes_.end(), note) == notes_.end()) notes_.push_back(std::move(note));
    }

    PADLAB_NOINLINE Value run_port_native(const std::string& name, const Expr& c) {
        CallArgs a;
        if (std::optional<Value> unknown = evaluate_args(c, a)) return *unknown;
        if (a.positional.empty()) parse_fail(c, name + "() needs an argument");
        const Value& x = a.positional[0];
        // file_utils.exists(weights): a weights path is accepted (PadLab loads no file).
        if (name == "file_utils.exists") return make_bool(x.kind == Value::Kind::Str);
        if (name == "backend.is_keras_tensor") return make_bool(x.kind == Value::Kind::Tensor);
        if (name == "backend.int_shape") return shape_value(x, c);
        if (name == "operation_utils.get_source_inputs") return source_inputs(x, c);
        if (name == "warnings.warn") {
            if (x.kind == Value::Kind::Str) add_note(x.str());
            return make_none();
        }
        // activations.get: the activation's name stands for the function (None is "linear").
        if (name == "activations.get") return x.kind == Value::Kind::None ? make_str("linear", c) : x;
        if (name == "copy.deepcopy") return deep_copy(x, c, 0);
        if (!is_number(x)) parse_fail(c, std::string("must be real number, not ") + type_name(x));
        if (name == "math.sqrt") {
            if (as_float(x) < 0) parse_fail(c, "math domain error");
            return make_float(std::sqrt(as_float(x)));
        }
        if (is_integer(x)) return make_int(as_int(x));
        const double r = name == "math.ceil" ? std::ceil(x.f) : std::floor(x.f);
        if (!(r > -9.2e18 && r < 9.2e18)) parse_fail(c, "cannot convert float to a 64-bit integer");
        return make_int(static_cast<std::int64_t>(r));
    }

    Value deep_copy(const Value& v, const Expr& e, int depth) {
        check_walk_depth(depth, e);
        if (!is_seq(v) && v.kind != Value::Kind::Dict) return v;
        std::vector<Value> items;
        for (const Value& it : *v.items) items.push_back(deep_copy(it, e, depth + 1));
        return make_seq(v.kind, std::move(items), e);
    }

    // x.shape / backend.int_shape(x): the tensor's shape as a tuple (None for unknown dims).
    Value shape_value(const Value& v, const Expr& e) {
        if (v.kind != Value::Kind::Tensor) parse_fail(e, std::string("'") + type_name(v) + "' object has no attribute 'shape'");
        std::vector<Value> dims;
        for (const Dim d : tensor_shape(v.tensor, e)) dims.push_back(d == kNone ? make_none() : make_int(d));
        return make_seq(Value::Kind::Tuple, std::move(dims), e);
    }

    // The shape of a tensor, inferred by the layer registry call by call back to the inputs
    // (each call once; iterative, so a long chain needs no deep recursion).
    const Shape& tensor_shape(const TensorRef& t, const Expr& e) {
        const auto unsupported = [&] {
            throw UnsupportedError("the shape of a tensor that is not a layer's first output is not computed here", at(e));
        };
        if (t.tensor != 0) unsupported();
        std::vector<std::pair<int, int>> stack{{t.layer, t.node}};
        while (!stack.empty()) {
            const std::pair<int, int> key = stack.back();
            if (shapes_.count(key)) {
                stack.pop_back();
                continue;
            }
            const LayerObj& l = *layers_[static_cast<std::size_t>(key.first)];
            bool ready = true;
            if (!l.calls.empty()) {
                for (const TensorRef& in : l.calls[static_cast<std::size_t>(key.second)].inputs) {
                    if (in.tensor != 0) unsupported();
                    if (!shapes_.count({in.layer, in.node})) {
                        stack.push_back({in.layer, in.node});
                        ready = false;
                    }
                }
            }
            if (!ready) continue;
            spend(1, e);
            shapes_[key] = node_shape(l, key.second, e);
            stack.pop_back();
        }
        return shapes_.at({t.layer, t.node});
    }

    Shape node_shape(const LayerObj& l, int node, const Expr& e) {
        if (l.model) throw UnsupportedError("the shape of a nested model's output is not computed here", at(e));
        const LayerType* type = find_layer_type(l.class_name);
        if (!type || !type->infer) throw_unknown_layer_class(l.class_name, {"", l.line, l.column});
        json config = l.config;
        if (!config.contains("name")) config["name"] = keras_snake_case(type->class_name);
        const Location where{config["name"].is_string() ? config["name"].get<std::string>() : "", l.line, l.column};
        try {
            if (l.calls.empty()) return type->infer(config, {}).output_shape;  // an InputLayer
            const CallRec& call = l.calls[static_cast<std::size_t>(node)];
            std::vector<Shape> in;
            for (const TensorRef& t : call.inputs) in.push_back(shapes_.at({t.layer, t.node}));
            if (call.list_input && type->infer_list) return type->infer_list(config, in).output_shape;
            if (in.size() != 1) {
                throw ArgumentError("Layer '" + where.layer + "' (" + l.class_name + ") expects 1 input, but it received " +
                                    std::to_string(in.size()) + " input tensors");
            }
            return type->infer(config, in[0]).output_shape;
        } catch (Error& err) {
            err.locate(where);
            throw;
        }
    }

    // operation_utils.get_source_inputs(x): the Input tensors x is computed from.
    Value source_inputs(const Value& v, const Expr& e) {
        if (v.kind != Value::Kind::Tensor) parse_fail(e, "get_source_inputs() expects a Keras tensor");
        std::vector<Value> out;
        std::set<std::pair<int, int>> seen;
        std::vector<TensorRef> stack{v.tensor};
        while (!stack.empty()) {
            const TensorRef t = stack.back();
            stack.pop_back();
            if (!seen.insert({t.layer, t.node}).second) continue;
            spend(1, e);
            const LayerObj& l = *layers_[static_cast<std::size_t>(t.layer)];
            if (l.calls.empty()) {
                out.push_back(make_tensor(t.layer, 0, 0));
                continue;
            }
            const std::vector<TensorRef>& ins = l.calls[static_cast<std::size_t>(t.node)].inputs;
            stack.insert(stack.end(), ins.rbegin(), ins.rend());
        }
        return make_seq(Value::Kind::List, std::move(out), e);
    }

    // The snippet's call an application's layers are attributed to, else the call itself.
    const Expr& site(const Expr& c) const { return app_site_ ? *app_site_ : c; }

    // ------------------------------------------------------------------ result
    // A Functional model's layers and, per layer, the calls (nodes) it makes inside the model:
    // everything reached walking back from the outputs, plus the declared inputs.
    std::map<int, std::set<int>> graph_nodes(const ModelObj& m) {
        std::map<int, std::set<int>> used;
        for (const TensorRef& t : m.inputs) used[t.layer];
        std::vector<TensorRef> stack(m.outputs.begin(), m.outputs.end());
        while (!stack.empty()) {
            const TensorRef t = stack.back();
            stack.pop_back();
            std::set<int>& nodes = used[t.layer];
            const LayerObj& l = *layers_[static_cast<std::size_t>(t.layer)];
            if (l.calls.empty() || !nodes.insert(t.node).second) continue;
            spend(1, {"", m.line, m.column});
            const auto& inputs = l.calls[static_cast<std::size_t>(t.node)].inputs;
            stack.insert(stack.end(), inputs.begin(), inputs.end());
        }
        return used;
    }

    std::vector<LayerObj*> model_layers(const ModelObj& m) {
        std::vector<LayerObj*> out;
        if (!m.functional) {
            for (const auto& l : m.layers) out.push_back(l.get());
            return out;
        }
        for (const auto& entry : graph_nodes(m)) out.push_back(layers_[static_cast<std::size_t>(entry.first)].get());
        return out;
    }

    // Keras names a layer when it is constructed, from one counter per prefix for the whole
    // program (backend.get_uid / naming.auto_name): a layer made and never used still takes
    // its number. Counted here over every layer and Sequential model the script created, in
    // creation order; -1 for given names, InputLayers (Keras 2 and 3 number those differently)
    // and Functional models (graph naming keeps its own counters).
    std::map<const void*, int> auto_indices_;
    bool auto_indexed_ = false;
    void index_auto_names() {
        auto_indexed_ = true;
        std::map<std::string, int> counters;
        const auto given = [](const json& config) {
            const auto it = config.find("name");
            return config.is_object() && it != config.end() && it->is_string() && !it->get<std::string>().empty();
        };
        for (const auto& l : layers_) {
            if (l->model || l->class_name == "InputLayer" || given(l->config)) continue;
            const LayerType* type = find_layer_type(l->class_name);
            if (!type) continue;
            auto_indices_[l.get()] = counters[keras_snake_case(keras_class_name(*type))]++;
        }
        int sequential = 0;
        for (const auto& model : models_)
            if (!model->functional && model->name.empty()) auto_indices_[model.get()] = sequential++;
    }
    int auto_index(const void* obj) {
        if (!auto_indexed_) index_auto_names();
        const auto it = auto_indices_.find(obj);
        return it == auto_indices_.end() ? -1 : it->second;
    }
    int auto_index(const LayerObj& l) { return auto_index(static_cast<const void*>(&l)); }
    int auto_index(const ModelObj& m) { return auto_index(static_cast<const void*>(&m)); }

    struct Built {
        std::shared_ptr<const ModelSpec> spec;
        std::size_t weight = 0;
    };
    std::map<const ModelObj*, Built> built_;
    std::set<const ModelObj*> building_;

    const Built& build(const ModelObj& m, int depth) {
        const auto done = built_.find(&m);
        if (done != built_.end()) return done->second;
        const Location where{"", m.line, m.column};
        if (building_.count(&m)) throw UnsupportedError("a model cannot contain itself", where);
        if (depth > importer::kMaxNesting) {
            throw LimitError("models nested more than " + std::to_string(importer::kMaxNesting) + " levels deep", where);
        }
        building_.insert(&m);
        ModelSpec spec;
        spec.format = "python";
        spec.name = m.name;
        spec.auto_index = auto_index(m);
        std::size_t weight = 0;
        const auto add = [&](const LayerObj& l, LayerSpec ls) {
            ls.class_name = l.class_name;
            ls.config = l.config;
            ls.operation = l.operation;
            ls.auto_index = l.model ? auto_index(*l.model) : auto_index(l);
            ls.line = l.line;
            ls.column = l.column;
            weight += l.weight;
            if (l.model) {
                const Built& inner = build(*l.model, depth + 1);
                ls.nested = inner.spec;
                weight += inner.weight;
            }
            if (weight > kMaxModelElements) {
                throw LimitError("the model's layer configs hold more than " + std::to_string(kMaxModelElements) +
                                     " values", where);
            }
            spec.layers.push_back(std::move(ls));
        };
        if (!m.functional) {
            for (const auto& l : m.layers) add(*l, LayerSpec{});
            if (!spec.layers.empty() && !m.build_shape.is_null()) {
                json& first = spec.layers.front().config;
                if (!first.contains("batch_input_shape")) first["batch_input_shape"] = m.build_shape;
            }
        } else {
            spec.graph = true;
            const std::map<int, std::set<int>> used = graph_nodes(m);
            std::map<int, int> index;                  // layer id -> position in spec.layers
            std::map<std::pair<int, int>, int> nodes;  // (layer id, node) -> node within the model
            for (const auto& [id, calls] : used) {
                const int position = static_cast<int>(index.size());
                index[id] = position;
                int k = 0;
                for (const int node : calls) nodes[{id, node}] = k++;
            }
            const auto ref = [&](const TensorRef& t) {
                const auto n = nodes.find({t.layer, t.node});
                return TensorRef{index.at(t.layer), n == nodes.end() ? t.node : n->second, t.tensor};
            };
            for (const auto& [id, calls] : used) {
                const LayerObj& l = *layers_[static_cast<std::size_t>(id)];
                LayerSpec ls;
                for (const int node : calls) {
                    const CallRec& r = l.calls[static_cast<std::size_t>(node)];
                    LayerCall call;
                    for (const TensorRef& t : r.inputs) call.inputs.push_back(ref(t));
                    call.list_input = r.list_input;
                    call.line = r.line;
                    call.column = r.column;
                    ls.calls.push_back(std::move(call));
                }
                add(l, std::move(ls));
            }
            for (const TensorRef& t : m.inputs) spec.inputs.push_back(ref(t));
            for (const TensorRef& t : m.outputs) spec.outputs.push_back(ref(t));
        }
        building_.erase(&m);
        Built b{std::make_shared<const ModelSpec>(std::move(spec)), weight};
        return built_.emplace(&m, std::move(b)).first->second;
    }

    // A model used inside another one (added to a Sequential, or called on a tensor).
    bool used_as_layer(const ModelObj& m) const {
        if (m.layer_id < 0) return false;
        const LayerObj& l = *layers_[static_cast<std::size_t>(m.layer_id)];
        return l.added_line != 0 || !l.calls.empty();
    }

    ModelSpec result() {
        const ModelObj* chosen = summarised_;
        for (const auto& m : models_) {
            if (!summarised_ && (m->functional || !m->layers.empty()) && !used_as_layer(*m)) chosen = m.get();
        }
        if (!chosen && !models_.empty()) chosen = models_.back().get();
        if (!chosen) {
            throw ParseError("no model found: expected e.g. 'model = Sequential()' followed by model.add(...), "
                             "'model = keras.Sequential([...])' or 'model = keras.Model(inputs, outputs)'");
        }
        ModelSpec spec = *build(*chosen, 0).spec;
        if (chosen == summarised_) spec.summary_options = summary_options_;
        spec.notes = notes_;
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
