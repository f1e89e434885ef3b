#!/usr/bin/env bash
# End-to-end tests of the padlab CLI: the seed blog's models give Keras's exact tables, JSON
# output, and bad input exits 1 with a located error. Usage: test_cli.sh PATH/TO/padlab
set -u
padlab="${1:?usage: test_cli.sh PADLAB}"
here="$(cd "$(dirname "$0")" && pwd)"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0
check() {  # check NAME COMMAND...: the command must succeed
  local name="$1"; shift
  if "$@" >"$tmp/out" 2>"$tmp/err"; then pass=$((pass + 1)); echo "ok   $name"
  else fail=$((fail + 1)); echo "FAIL $name"; sed 's/^/     /' "$tmp/out" "$tmp/err" | head -20; fi
}
same_text() { "$padlab" summary "${@:3}" "$1" > "$tmp/got" && diff -u "$2" "$tmp/got"; }

check "seed valid, Keras 2 table"  same_text "$here/seed_valid.py" "$here/expected/seed_valid.keras2.txt"
check "seed same, Keras 2 table"   same_text "$here/seed_same.py"  "$here/expected/seed_same.keras2.txt"
check "seed valid, Keras 3 table"  same_text "$here/seed_valid.py" "$here/expected/seed_valid.keras3.txt" --style keras3
check "stdin with -"  bash -c "'$padlab' summary - < '$here/seed_valid.py' | diff -u '$here/expected/seed_valid.keras2.txt' -"
check "json totals and shapes" bash -c "'$padlab' summary --json '$here/seed_same.py' | python3 -c '
import json, sys
j = json.load(sys.stdin)
assert j[\"total_params\"] == 25785610, j[\"total_params\"]
assert j[\"layers\"][0][\"output_shape\"] == [None, 28, 28, 32]
assert j[\"layers\"][0][\"padding\"] == [[1, 1], [1, 1]]
assert j[\"layers\"][3][\"padding\"] is None
'"
check "causal Conv2D rejected with exit 1 and location" bash -c "
  printf 'from keras.models import Sequential\nmodel = Sequential()\nmodel.add(Conv2D(8, 3, padding=\"causal\", input_shape=(28, 28, 1)))\n' > '$tmp/bad.py'
  '$padlab' summary '$tmp/bad.py' 2> '$tmp/e'; test \$? -eq 1 &&
  grep -q '^padlab: error: line 3, column 11, layer .conv2d.: Causal padding is only supported' '$tmp/e'"
check "json error object on stdout" bash -c "
  printf '{\"class_name\": ' | '$padlab' summary --json - > '$tmp/j'; test \$? -eq 1 &&
  python3 -c 'import json,sys; e=json.load(open(\"$tmp/j\"))[\"error\"]; assert e[\"kind\"]==\"ParseError\" and e[\"line\"]==1, e'"
check "missing file exits 1" bash -c "'$padlab' summary /nonexistent/model.py; test \$? -eq 1"
check "usage error exits 2" bash -c "'$padlab' summary --style keras9 '$here/seed_valid.py'; test \$? -eq 2"
check "diagram SVG is written" bash -c "'$padlab' diagram --input 8 --kernel 4 --padding causal --animate -o '$tmp/d.svg' && grep -q '<svg' '$tmp/d.svg' && grep -q '@keyframes' '$tmp/d.svg'"
check "diagram of a model layer" bash -c "'$padlab' diagram --layer conv2d_1 '$here/seed_same.py' -o '$tmp/l.svg' && grep -q 'same' '$tmp/l.svg'"

echo "cli: $pass passed, $fail failed"
exit $((fail > 0))
