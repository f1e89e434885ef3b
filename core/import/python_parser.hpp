#pragma once
// Recursive-descent parser for the Python subset of import_python.cpp.
//   Statements: imports, assignments (plain, augmented, annotated), expression statements,
//   pass, break, continue, return, raise, assert, del of names; blocks: if/elif/else,
//   for/else, with (the context is not evaluated), def (positional, keyword and default
//   parameters, keyword-only after a bare '*', decorators recorded).
//   Expressions: literals, names, attributes, calls, subscripts/slices, arithmetic,
//   comparisons, not/and/or, conditional expressions, f-strings, list/dict comprehensions and
//   generator expressions.
// Refused with a ParseError that names the construct: while, class, try, lambda, yield,
// async, global/nonlocal, *args/**kwargs, set literals, chained comparisons, bitwise
// operators. Expressions nested deeper than kMaxNesting are refused too, so the recursive
// evaluator and the AST destructor stay within a small stack.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace padlab::importer {

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

struct Expr {
    enum class Kind {
        Name,       // text
        Attribute,  // a.text
        Call,       // a(items..., kwargs...)
        Subscript,  // a[b]
        Slice,      // items[0]:items[1]:items[2] (each may be null); only inside Subscript
        Int,
        Float,
        String,
        Bool,
        None,
        Ellipsis,
        Tuple,      // items
        List,       // items
        Dict,       // items: key0, value0, key1, value1, ...
        Unary,      // text = "-", "+", "~", "not"; a
        Binary,     // text = "+", "-", "*", "/", "//", "%", "**", "@"; a, b
        Compare,    // text = "==", "!=", "<", "<=", ">", ">=", "in", "not in", "is", "is not"; a, b
        BoolOp,     // text = "and" / "or"; a, b
        IfElse,     // a if b else c  ->  a, b, items[0] = c
        FString,    // f"...": items are String (literal text) and FormatField parts
        FormatField,  // {a!conversion:spec}: text = spec, int_value = conversion char (0 = none)
        ListComp,   // [a for ...]: items = CompFor clauses
        GeneratorExp,  // (a for ...) / f(a for ...): items = CompFor clauses
        DictComp,   // {a: b for ...}: items = CompFor clauses
        CompFor,    // for a in b if items[0] if items[1] ...
        Lambda,     // lambda params: a (the body is parsed, never evaluated: a lambda is an opaque function)
    };
    Kind kind = Kind::None;
    std::string text;
    std::int64_t int_value = 0;
    double float_value = 0.0;
    bool bool_value = false;
    ExprPtr a, b;
    std::vector<ExprPtr> items;
    std::vector<std::pair<std::string, ExprPtr>> kwargs;
    int line = 0, column = 0;         // of the first token
    std::size_t begin = 0, end = 0;   // byte range in the source, for messages
    int depth = 1;                    // height of this subtree
};

struct Stmt;

// One parameter of a def: name[=default]; keyword_only after a bare '*'.
struct Param {
    std::string name;
    ExprPtr default_value;  // null when required
    bool keyword_only = false;
    int line = 0, column = 0;
};

struct Stmt {
    enum class Kind {
        Ignored,     // import, from-import (see imports), pass
        Expression,  // value
        Assign,      // targets[0] = targets[1] = ... = value
        AugAssign,   // targets[0] op= value  (op without the '=')
        If,          // if value: body else: orelse (elif: orelse holds one If)
        For,         // for targets[0] in value: body else: orelse
        With,        // with ... as targets...: body (the context expressions are not kept)
        Def,         // def name(params): body; decorators
        Return,      // return [value]
        Break,
        Continue,
        Raise,       // raise [value]
        Assert,      // assert value
        Del,         // del targets (names)
    };
    Kind kind = Kind::Ignored;
    std::vector<ExprPtr> targets;
    ExprPtr value;
    std::string op;
    // import a.b as c / from a.b import x as y: (local name, dotted path). `import a.b` binds a.
    std::vector<std::pair<std::string, std::string>> imports;
    std::vector<Stmt> body, orelse;
    std::string name;               // Def
    std::vector<Param> params;      // Def
    std::vector<ExprPtr> decorators;  // Def
    int line = 0, column = 0;
};

// Throws ParseError with line and column.
std::vector<Stmt> parse_python(std::string_view source);

// The source text of an expression, shortened to at most `max_chars` bytes with "...".
std::string expr_source(std::string_view source, const Expr& e, std::size_t max_chars = 60);

}  // namespace padlab::importer
