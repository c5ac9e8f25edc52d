# Sourced by the scripts that install better-sqlite3 (the run store) with npm or pnpm. It compiles
# from source: no prebuilt binary can be downloaded here, and neither can Node's headers, which
# node-gyp would fetch from nodejs.org. So node-gyp is pointed at the headers installed with Node,
# unless the caller chose a folder already. A user's ~/.npmrc may say the same, but a fresh
# machine has none (the packaging check failed on an empty HOME without this).
sluice_use_installed_node_headers() {
  if [ -n "${npm_config_nodedir:-}" ]; then return 0; fi
  local nodedir
  nodedir="$(dirname "$(dirname "$(command -v node)")")"
  if [ -f "$nodedir/include/node/node.h" ]; then export npm_config_nodedir="$nodedir"; fi
}
