#!/usr/bin/env bash
# Runs the real Claude Code and Codex CLI through CodeVector, against a fake upstream that records
# what it receives, and checks they work end to end:
#   Claude Code -> Anthropic-format upstream (passthrough), with a Bash tool round trip
#   Claude Code -> OpenAI-format upstream (translated), with a Bash tool round trip
#   Claude Code in Bedrock mode (InvokeModel under /bedrock) -> both, with a Bash tool round trip
#   Claude Code in Vertex mode (rawPredict under /vertex/v1) -> both, with a Bash tool round trip
#   Codex CLI   -> OpenAI Responses upstream (passthrough)
#   Codex CLI   -> OpenAI Chat upstream (translated), with an exec_command tool round trip
#   Codex CLI   -> Anthropic-format upstream (translated), with an exec_command tool round trip
#   Claude Code on a balanced Model of three Backends: each session's requests reach one Backend
# It starts its own CodeVector (./codevector) on a free port with a throwaway data directory and
# configures it through the admin API, with a limit on the agents' user that never refuses, so
# that the clients meet the rate-limit headers of their dialect. The clients are downloaded from
# the npm registry on first use (about 400 MB each, cached under ~/.cache/codevector-clients).
#
# It needs a client kit, a directory named by CV_CLIENT_KIT holding run-claude-code.sh and
# run-codex.sh (run each client against a gateway URL with a prompt), capture_server.py (the
# recording upstream: --port, --port-file, --log, --reply, and POST /__control to script tool
# calls) and summarize_captures.py.
#
# usage: CV_CLIENT_KIT=DIR scripts/real-agents.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
CLIENTS="${CV_CLIENT_KIT:-}"
[ -x "$CLIENTS/run-claude-code.sh" ] || { echo "set CV_CLIENT_KIT to a client kit directory" >&2; exit 2; }

WORK=$(mktemp -d)
ADMIN_TOKEN="real-agents-admin-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT
say() { printf '\n== %s\n' "$*"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

say "fake upstream"
python3 "$CLIENTS/capture_server.py" --port 0 --port-file "$WORK/upstream.port" \
  --log "$WORK/captures.jsonl" --reply "Hello from the capture upstream." 2>"$WORK/upstream.log" &
PIDS+=($!)
for _ in $(seq 100); do [ -s "$WORK/upstream.port" ] && break; sleep 0.1; done
UPSTREAM="http://127.0.0.1:$(cat "$WORK/upstream.port")"
control() { curl -fsS -X POST "$UPSTREAM/__control" -H 'content-type: application/json' -d "$1" >/dev/null; }
tool_call() { # answer offered tools with a call of this one (none when empty)
  if [ -n "${1:-}" ]; then control "{\"tool_call\": \"$1\"}"; else control '{"tool_call": null}'; fi
}

say "CodeVector"
PORT=$(free_port)
CODEVECTOR_HOST=127.0.0.1 CODEVECTOR_PORT=$PORT CODEVECTOR_DATA_DIR="$WORK/data" \
  CODEVECTOR_ADMIN_TOKEN="$ADMIN_TOKEN" ./codevector >"$WORK/codevector.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 300); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 1; done
GATEWAY="http://127.0.0.1:$PORT"
admin() {
  curl -fsS -X "$1" "$GATEWAY/admin/api$2" -H "Authorization: Bearer $ADMIN_TOKEN" \
    -H 'content-type: application/json' ${3:+-d "$3"}
}

say "configuration through the admin API"
provider() { # name kind baseUrl -> id
  admin POST /providers "{\"name\":\"$1\",\"kind\":\"$2\",\"credentials\":{\"apiKey\":\"sk-capture-0123456789abcdef\"},\"config\":{\"baseUrl\":\"$3\"}}" | json "['id']"
}
provider_model() { # providerId modelId -> id
  admin POST "/providers/$1/models" "{\"modelId\":\"$2\",\"kind\":\"chat\",\"contextWindow\":200000,\"maxOutputTokens\":32000,\"pricing\":{\"inputPerMTok\":3,\"outputPerMTok\":15}}" | json "['id']"
}
model() { # slug providerModelId
  admin POST /models "{\"slug\":\"$1\",\"displayName\":\"$1\",\"kind\":\"chat\"}" >/dev/null
  admin POST "/models/$1/backends" "{\"providerModelId\":\"$2\",\"priority\":10}" >/dev/null
  admin POST "/models/$1/publish" >/dev/null
}
ANTHROPIC=$(provider capture-anthropic anthropic "$UPSTREAM")
OPENAI=$(provider capture-openai openai "$UPSTREAM/v1")
CHAT_ONLY=$(provider capture-chat openai-compatible "$UPSTREAM/v1")
model claude-passthrough "$(provider_model "$ANTHROPIC" claude-sonnet-4-5)"
model claude-translated "$(provider_model "$CHAT_ONLY" kimi-k2.6)"
model codex-passthrough "$(provider_model "$OPENAI" gpt-5-codex)"
model codex-translated "$(provider_model "$CHAT_ONLY" qwen3-coder)"
model codex-on-claude "$(provider_model "$ANTHROPIC" claude-opus-4-5)"
# A balanced Model over three Backends at the same upstream, told apart by their upstream model ids.
admin POST /models '{"slug":"claude-balanced","displayName":"claude-balanced","kind":"chat","routing":"balanced"}' >/dev/null
for part in a b c; do
  BALANCED=$(provider_model "$(provider "capture-anthropic-$part" anthropic "$UPSTREAM")" "claude-balanced-$part")
  admin POST /models/claude-balanced/backends "{\"providerModelId\":\"$BALANCED\",\"priority\":10}" >/dev/null
done
admin POST /models/claude-balanced/publish >/dev/null
USER_ID=$(admin POST /users '{"name":"agent","email":"agent@example.com"}' | json "['id']")
for slug in claude-passthrough claude-translated codex-passthrough codex-translated codex-on-claude claude-balanced; do
  admin POST /grants "{\"model\":\"$slug\",\"userId\":\"$USER_ID\"}" >/dev/null
done
KEY=$(admin POST "/users/$USER_ID/keys" '{"name":"real agents"}' | json "['key']")
# A limit that never refuses, so that every answer carries its dialect's rate-limit headers.
admin POST /limits "{\"scope\":{\"userId\":\"$USER_ID\"},\"requestsPerMinute\":1000,\"tokensPerMinute\":100000000}" >/dev/null

FAILED=0
run() { # name, then the command
  local name=$1; shift
  say "$name"
  if "$@"; then echo "PASS $name"; else echo "FAIL $name"; FAILED=1; fi
}
claude() { # slug [tool] [prompt]
  tool_call "${2:-}"
  CV_API_KEY=$KEY CV_MODEL=$1 CV_SMALL_MODEL=$1 CV_ALLOWED_TOOLS=${2:-} \
    "$CLIENTS/run-claude-code.sh" "$GATEWAY" "${3:-say hi}"
}
# Claude Code in Bedrock or Vertex mode, run as the kit runs it (env -i, a throwaway HOME, offline),
# from the install the kit's run-claude-code.sh made on the first Claude Code run above.
claude_bin() {
  local arch cand
  case "$(uname -m)" in x86_64|amd64) arch=x64 ;; aarch64|arm64) arch=arm64 ;; *) arch="$(uname -m)" ;; esac
  local dir="${CV_CLIENTS_DIR:-$HOME/.cache/codevector-clients}/claude-code-${CLAUDE_CODE_VERSION:-2.1.330}"
  for cand in "$dir/node_modules/@anthropic-ai/claude-code-linux-$arch/claude" \
    "$dir/node_modules/@anthropic-ai/claude-code-linux-$arch-musl/claude" "$dir/node_modules/.bin/claude"; do
    [ -x "$cand" ] && { echo "$cand"; return 0; }
  done
  echo "Claude Code is not installed under $dir" >&2; return 1
}
claude_cloud() { # bedrock|vertex slug [tool] [prompt]
  local mode=$1 slug=$2 bin home
  bin=$(claude_bin) || return 1
  tool_call "${3:-}"
  home=$(mktemp -d "$WORK/claude-$mode-XXXX"); mkdir -p "$home/work"
  local cloud_env=()
  if [ "$mode" = bedrock ]; then
    cloud_env=(CLAUDE_CODE_USE_BEDROCK=1 ANTHROPIC_BEDROCK_BASE_URL="$GATEWAY/bedrock"
      AWS_BEARER_TOKEN_BEDROCK="$KEY" AWS_REGION=us-east-1)
  else
    cloud_env=(CLAUDE_CODE_USE_VERTEX=1 ANTHROPIC_VERTEX_BASE_URL="$GATEWAY/vertex/v1"
      CLAUDE_CODE_SKIP_VERTEX_AUTH=1 ANTHROPIC_CUSTOM_HEADERS="Authorization: Bearer $KEY"
      ANTHROPIC_VERTEX_PROJECT_ID=codevector CLOUD_ML_REGION=us-east5)
  fi
  local args=(-p "${4:-say hi}" --output-format json)
  [ -n "${3:-}" ] && args+=(--allowedTools "$3")
  ( cd "$home/work" && env -i PATH="/usr/local/bin:/usr/bin:/bin" HOME="$home" TERM=dumb LANG=C.UTF-8 \
      "${cloud_env[@]}" ANTHROPIC_MODEL="$slug" ANTHROPIC_DEFAULT_HAIKU_MODEL="$slug" \
      ANTHROPIC_DEFAULT_SONNET_MODEL="$slug" ANTHROPIC_DEFAULT_OPUS_MODEL="$slug" \
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1 DISABLE_TELEMETRY=1 DISABLE_ERROR_REPORTING=1 \
      DISABLE_AUTOUPDATER=1 CLAUDE_CODE_MAX_RETRIES=2 \
      timeout 180 "$bin" "${args[@]}" ) >"$home/stdout.json" 2>"$home/stderr.txt" </dev/null
  local rc=$?
  python3 - "$home/stdout.json" "$rc" <<'PY' || { tail -c 3000 "$home/stdout.json" "$home/stderr.txt"; return 1; }
import json, sys
lines = [l for l in open(sys.argv[1], encoding="utf-8", errors="replace").read().splitlines() if l.startswith("{")]
result = json.loads(lines[-1]) if lines else {}
ok = sys.argv[2] == "0" and result.get("is_error") is False and (result.get("result") or "").strip()
print(result.get("result") if ok else "no reply: %s" % (lines[-1:] or "nothing"))
sys.exit(0 if ok else 1)
PY
}
balanced_session() { # a Claude Code session on claude-balanced: every request reaches one Backend
  local before
  before=$(wc -l <"$WORK/captures.jsonl")
  claude claude-balanced Bash "run ls" || return 1
  python3 - "$WORK/captures.jsonl" "$before" <<'PY'
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()[int(sys.argv[2]):]
bodies = [json.loads(line).get("body") for line in lines]
models = [b.get("model") for b in bodies if isinstance(b, dict)]
models = [m for m in models if isinstance(m, str) and m.startswith("claude-balanced-")]
print("requests per Backend:", {m: models.count(m) for m in sorted(set(models))})
sys.exit(0 if len(models) >= 2 and len(set(models)) == 1 else 1)
PY
}
codex() { # slug [tool] [prompt]
  tool_call "${2:-}"
  CV_API_KEY=$KEY CV_MODEL=$1 "$CLIENTS/run-codex.sh" "$GATEWAY/v1" "${3:-say hi}"
}
run "Claude Code, passthrough" claude claude-passthrough
run "Claude Code, passthrough, Bash tool round trip" claude claude-passthrough Bash "run ls"
run "Claude Code, translated to OpenAI Chat" claude claude-translated
run "Claude Code, translated, Bash tool round trip" claude claude-translated Bash "run ls"
run "Claude Code in Bedrock mode, passthrough" claude_cloud bedrock claude-passthrough
run "Claude Code in Bedrock mode, translated, Bash tool round trip" claude_cloud bedrock claude-translated Bash "run ls"
run "Claude Code in Vertex mode, passthrough, Bash tool round trip" claude_cloud vertex claude-passthrough Bash "run ls"
run "Claude Code in Vertex mode, translated" claude_cloud vertex claude-translated
for session in 1 2 3; do
  run "Claude Code on a balanced Model, session $session: one Backend throughout" balanced_session
done
run "Codex, passthrough" codex codex-passthrough
run "Codex, translated to OpenAI Chat" codex codex-translated
run "Codex, translated, exec_command tool round trip" codex codex-translated exec_command "run ls"
run "Codex, translated to Anthropic Messages" codex codex-on-claude
run "Codex, translated to Anthropic Messages, exec_command tool round trip" codex codex-on-claude exec_command "run ls"

say "what the upstream received"
python3 "$CLIENTS/summarize_captures.py" "$WORK/captures.jsonl" || true
if grep -q 'sk-capture-0123456789abcdef' "$WORK/codevector.log"; then
  echo "FAIL the upstream credential appears in CodeVector's log"; FAILED=1
fi
[ "$FAILED" = 0 ] && echo "All real-agent runs passed." || echo "Some real-agent runs failed; logs in $WORK."
exit "$FAILED"
