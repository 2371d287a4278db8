#!/usr/bin/env bash
# `npm run container:smoke` (not part of npm test): builds the Dockerfile with podman on a machine that reaches only
# Debian's mirror and the npm registry, runs the image, and checks /healthz, /readyz, the image's HEALTHCHECK, the
# non-root user and that the worker entry starts with plain node.
#
# No registry image is reachable here, so the base image is made locally: Debian bookworm (debootstrap minbase)
# plus this machine's Node 20 and npm (bookworm's own nodejs is 18; CalSync needs >= 20.19) and a `node` user,
# as the official node images have. A cache of the smoke's own is mounted into the build (never the machine's
# npm cache: the runtime stage ends with `npm cache clean`), and better-sqlite3's prebuilt binary is put in it
# from the development install (prebuild-install would fetch it from GitHub, which is not reachable here;
# without it both stages compile SQLite, ~7 min each).
set -euo pipefail
cd "$(dirname "$0")/.."
work="${TMPDIR:-/tmp}/calsync-container"
base=localhost/calsync-node:20
mkdir -p "$work"

if ! podman image exists "$base"; then
  rootfs="$work/rootfs"
  [ -x "$rootfs/bin/sh" ] || debootstrap --variant=minbase bookworm "$rootfs" http://deb.debian.org/debian >/dev/null
  cp /usr/bin/node "$rootfs/usr/bin/node"
  rm -rf "$rootfs/usr/lib/node_modules/npm" && mkdir -p "$rootfs/usr/lib/node_modules" && cp -r /usr/lib/node_modules/npm "$rootfs/usr/lib/node_modules/"
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/bin/npm"
  ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/bin/npx"
  chroot "$rootfs" sh -c 'id node >/dev/null 2>&1 || useradd --uid 1000 --create-home --shell /bin/sh node'
  # The registry is reached through this machine's TLS proxy: the image trusts the CAs this machine trusts.
  mkdir -p "$rootfs/etc/ssl/certs" && cp /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/"
  tar -C "$rootfs" -c . | podman import --change 'CMD ["node"]' --change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' - "$base" >/dev/null
fi

# prebuild-install's cache name: the first 6 hex of sha512(url), a dash, the file name (prebuild-install/util.js).
version=$(node -p "require('./node_modules/better-sqlite3/package.json').version")
file="better-sqlite3-v${version}-node-v$(node -p process.versions.modules)-linux-x64.tar.gz"
url="https://github.com/WiseLibs/better-sqlite3/releases/download/v${version}/${file}"
npm_cache="$work/npm-cache"
mkdir -p "$npm_cache/_prebuilds"
tar -C node_modules/better-sqlite3 -czf "$npm_cache/_prebuilds/$(printf %s "$url" | sha512sum | cut -c1-6)-$file" build/Release/better_sqlite3.node

podman build --isolation chroot --network host -v "$npm_cache:/root/.npm" --build-arg BUILD_IMAGE=$base --build-arg RUNTIME_IMAGE=$base \
  --format docker -t localhost/calsync:smoke .

# Run it. This machine's kernel gives containers neither cgroups (hybrid v1) nor rlimits to set, so `podman run`
# fails in crun and runc alike; buildah's chroot isolation runs the same image (its files, user, command and
# environment) without them. The HEALTHCHECK is the image's own command, read from the image config.
ctr=$(buildah from localhost/calsync:smoke)
pid=
# The API runs in a process group of its own, so stopping it stops buildah's runtime and node under it too.
cleanup() { [ -n "$pid" ] && kill -- -"$pid" 2>/dev/null; wait 2>/dev/null; buildah rm "$ctr" >/dev/null 2>&1 || true; }
trap cleanup EXIT
in_image() { buildah run --isolation chroot --network host "$@"; }
port=38080
cmd=$(podman image inspect --format '{{join .Config.Cmd " "}}' localhost/calsync:smoke)
user=$(podman image inspect --format '{{.Config.User}}' localhost/calsync:smoke)
setsid buildah run --isolation chroot --network host --user "$user" --env PORT=$port --env CALSYNC_STORE=sqlite \
  --env CALSYNC_SQLITE_PATH=/tmp/calsync.db --env CALSYNC_API_AUDIENCE=api://calsync-smoke \
  --env CALSYNC_JWKS_URL=https://127.0.0.1:1/keys "$ctr" -- $cmd &
pid=$!
for _ in $(seq 1 60); do curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 1; done
echo "command: $cmd, user: $user"
echo "healthz: $(curl -fsS "http://127.0.0.1:$port/healthz")"
echo "readyz: $(curl -fsS "http://127.0.0.1:$port/readyz")"
# The Test array is ["CMD", argv…]: run argv as the image's user.
mapfile -d '' health < <(podman image inspect --format '{{json .Config.Healthcheck.Test}}' localhost/calsync:smoke |
  node -e 'const t = JSON.parse(require("fs").readFileSync(0, "utf8")); if (t[0] !== "CMD") process.exit(1); for (const a of t.slice(1)) process.stdout.write(a + "\0");')
in_image --user "$user" --env PORT=$port "$ctr" -- "${health[@]}" && echo "HEALTHCHECK: healthy"
echo "tsx in the image: $(in_image "$ctr" -- sh -c 'ls node_modules/tsx 2>/dev/null | wc -l') files; server sources: $(in_image "$ctr" -- sh -c 'ls -d server 2>/dev/null | wc -l')"
set +e
out=$(in_image --user "$user" "$ctr" -- node dist/server/worker-main.js 2>&1)
code=$?
printf '%s\n' "$out" | head -3
echo "worker exit (2 = refused the empty configuration, as it should): $code"
