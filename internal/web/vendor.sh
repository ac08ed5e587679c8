#!/bin/sh
# Copies Apache ECharts from node_modules (installed by `npm ci` from the
# committed package-lock.json) into static/vendor/, where go:embed picks it
# up. Nothing third-party is committed; without this step the dashboard
# still builds and shows tables instead of charts.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
src="$root/node_modules/echarts/dist/echarts.min.js"
if [ ! -f "$src" ]; then
	echo "vendor.sh: $src not found; run 'npm ci' at the repository root first" >&2
	exit 1
fi
mkdir -p "$here/static/vendor"
cp "$src" "$here/static/vendor/echarts.min.js"
echo "vendor.sh: copied echarts.min.js ($(wc -c <"$src") bytes)"
