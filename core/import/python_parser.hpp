#pragma once
// Recursive-descent parser for the Python subset of import_python.cpp: simple statements
// (imports, assignments, augmented assignments, expression statements, pass) made of
// expressions (literals, names, attributes, calls, subscripts/slices, arithmetic,
// comparisons, not/and/or, conditional expressions). Compound statements (for, if, def,
// with, ...), lambdas, comprehensions and f-strings are refused with a ParseError that
// says so. Expressions nested deeper than kMaxNesting are refused too, so the recursive
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

struct Stmt {
    enum class Kind {
        Ignored,     // import, from-import, pass
        Expression,  // value
        Assign,      // targets[0] = targets[1] = ... = value
        AugAssign,   // targets[0] op= value  (op without the '=')
    };
    Kind kind = Kind::Ignored;
    std::vector<ExprPtr> targets;
    ExprPtr value;
    std::string op;
    // import a.b as c / from a.b import x as y: (local name, dotted path). `import a.b` binds a.
    std::vector<std::pair<std::string, std::string>> imports;
    int line = 0, column = 0;
};

// Throws ParseError with line and column.
std::vector<Stmt> parse_python(std::string_view source);

// The source text of an expression, shortened to at most `max_chars` bytes with "...".
std::string expr_source(std::string_view source, const Expr& e, std::size_t max_chars = 60);

}  // namespace padlab::importer
