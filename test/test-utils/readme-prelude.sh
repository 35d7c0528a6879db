# Sourced before a README block (test/test-utils/readme.ts). A reader runs `custlink serve` (or
# `console`, `demo`) in one terminal and goes on in another; a script cannot. So inside a block,
# `custlink` is this function: those commands run in the background on a free port (tests share
# the machine's ports) until they print their URL, then $WHILE_UP runs against $URL (the other
# terminal), then SIGTERM must end them with exit 0.
custlink_pids=()
trap 'for p in "${custlink_pids[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
custlink() {
  if [[ "$1" != serve && "$1" != console && "$1" != demo ]] || [[ " $* " == *" --check "* ]]; then
    command custlink "$@"
    return
  fi
  local log pid
  log="$(mktemp)"
  command custlink "$@" --port 0 >"$log" 2>&1 &
  pid=$!
  custlink_pids+=("$pid")
  URL=""
  until [[ -n "$URL" ]]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      cat "$log"
      wait "$pid" || true
      echo "custlink $1 exited before printing its URL" >&2
      return 1
    fi
    sleep 0.05
    URL="$(sed -nE 's/.*(listening on|open) (https?:\/\/[^ ]+).*/\2/p' "$log" | head -n 1)"
  done
  export URL
  local up=0 down=0
  eval "${WHILE_UP:-true}" || up=$?
  kill -TERM "$pid"
  wait "$pid" || down=$?
  cat "$log"
  [[ $up == 0 ]] || { echo "while custlink $1 ran, the second terminal's command exited $up" >&2; return "$up"; }
  [[ $down == 0 ]] || { echo "custlink $1 exited $down on SIGTERM" >&2; return "$down"; }
}
