#!/usr/bin/env bash
# Gradescope autograder setup (runs once when the image is built, as root, Ubuntu):
# Node.js 20 from NodeSource, then the course's locked dependencies.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends ca-certificates curl gnupg
curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
apt-get install -y -qq --no-install-recommends nodejs
cd /autograder/source
npm ci --no-audit --no-fund
