#!/usr/bin/env bash
# Debian packages the pipeline and its tests use: Tesseract and Ghostscript (OCR of scanned replies),
# PostgreSQL (the team warehouse and its tests) and Chromium (the report test). Installs only what is
# missing, and only where it can (root with apt-get); elsewhere it says what to install and carries on.
set -u
packages=(tesseract-ocr tesseract-ocr-eng ghostscript poppler-utils postgresql chromium)
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null 2>&1 || echo "apt-get update failed; trying the install anyway"
  if ! apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
    echo "Could not install all of: ${missing[*]}. OCR, PostgreSQL or browser tests will say they are skipped."
  fi
else
  echo "Not installing Debian packages (needs root and apt-get): ${missing[*]}."
  echo "Without them scanned replies go to review and the PostgreSQL and browser tests are skipped."
fi
exit 0
