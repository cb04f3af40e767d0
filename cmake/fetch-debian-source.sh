#!/usr/bin/env bash
# fetch-debian-source.sh PACKAGE DEST
# Unpacks Debian's source package PACKAGE (the running release's version,
# with Debian's patches applied) into DEST, through a deb-src list and apt
# state of our own under DEST.apt/: the system's apt configuration is left
# alone and nothing needs root. Used by the build for BearSSL
# (runtime-support/tls/); the same way bench/run fetches its real programs.
# Needs apt-get, dpkg-source (dpkg-dev) and debian-archive-keyring.
set -euo pipefail
package=$1
dest=$2
[ -f "$dest/.fetched" ] && exit 0

codename=bookworm
if [ -r /etc/os-release ]; then
  codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
fi
apt_dir="$dest.apt"
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/download"
echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian $codename main" \
  >"$apt_dir/sources.list"
options=(-q -o "Dir::Etc::SourceList=$apt_dir/sources.list" -o Dir::Etc::SourceParts=/dev/null
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
