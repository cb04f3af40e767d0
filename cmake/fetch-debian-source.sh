#!/usr/bin/env bash
# fetch-debian-source.sh PACKAGE DEST
# Unpacks Debian's source package PACKAGE (the running release's version,
# with Debian's patches applied) into DEST, through deb-src lists and apt
# state of our own under DEST.apt/, made from the system's apt sources: the
# system's apt configuration is left alone and nothing needs root. Used by the build for BearSSL
# (runtime-support/tls/); the same way bench/run fetches its real programs.
# Needs apt-get, dpkg-source (dpkg-dev) and debian-archive-keyring.
set -euo pipefail
package=$1
dest=$2
[ -f "$dest/.fetched" ] && exit 0

# The system's own apt sources, each turned into its deb-src twin (one-line
# .list entries and deb822 .sources files alike), so the same mirror serves.
apt_dir="$dest.apt"
rm -rf "$apt_dir/sources.list.d"
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/download" "$apt_dir/sources.list.d"
: >"$apt_dir/sources.list"
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
  [ -f "$f" ] && sed -n 's/^[[:space:]]*deb[[:space:]]/deb-src /p' "$f" >>"$apt_dir/sources.list"
done
for f in /etc/apt/sources.list.d/*.sources; do
  [ -f "$f" ] && sed 's/^Types:.*/Types: deb-src/' "$f" >"$apt_dir/sources.list.d/$(basename "$f")"
done
if [ ! -s "$apt_dir/sources.list" ] && [ -z "$(ls "$apt_dir/sources.list.d")" ]; then
  echo "fetch-debian-source: no apt sources in /etc/apt to fetch $package from" >&2
  exit 1
fi
options=(-q -o "Dir::Etc::SourceList=$apt_dir/sources.list" -o "Dir::Etc::SourceParts=$apt_dir/sources.list.d"
         -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache")
apt-get "${options[@]}" update >"$apt_dir/update.log" 2>&1 ||
  { cat "$apt_dir/update.log" >&2; echo "fetch-debian-source: apt-get update failed" >&2; exit 1; }
(cd "$apt_dir/download" && apt-get "${options[@]}" source --download-only "$package") >"$apt_dir/source.log" 2>&1 ||
  { cat "$apt_dir/source.log" >&2; echo "fetch-debian-source: apt-get source $package failed" >&2; exit 1; }
dsc=$(ls "$apt_dir/download/${package}_"*.dsc | sort | tail -1)
rm -rf "$dest"
dpkg-source --no-check -x "$dsc" "$dest" >"$apt_dir/unpack.log" 2>&1 ||
  { cat "$apt_dir/unpack.log" >&2; echo "fetch-debian-source: dpkg-source -x $dsc failed" >&2; exit 1; }
basename "$dsc" .dsc >"$dest/.fetched"
