# Sourced by the install scripts: `root_or_sudo WHAT` sets $sudo to "" when running as root, else to "sudo",
# and exits 1 naming WHAT when neither is available.
root_or_sudo() {
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "need root (or sudo) to install $1" >&2; exit 1; }
    sudo="sudo"
  fi
}
