#!/bin/sh
# Installs the real servers the delivery tests start on loopback: OpenSSH (sshd with
# internal-sftp) and vsftpd. Runs as root on a fresh Debian machine; safe to run again.
# The tests start their own instances on 127.0.0.1 and random ports; the system services
# are neither needed nor started.
set -eu

export DEBIAN_FRONTEND=noninteractive

missing=""
[ -x /usr/sbin/sshd ] || missing="$missing openssh-server"
[ -x /usr/sbin/vsftpd ] || missing="$missing vsftpd"
command -v ssh-keygen >/dev/null 2>&1 || missing="$missing openssh-client"
command -v openssl >/dev/null 2>&1 || missing="$missing openssl"

if [ -n "$missing" ]; then
  apt-get update -qq
  # shellcheck disable=SC2086 # word splitting of the package list is intended
  apt-get install -y -qq --no-install-recommends $missing
fi

# sshd started as root needs its privilege-separation folder.
mkdir -p /run/sshd
chmod 0755 /run/sshd

echo "services: $(/usr/sbin/sshd -V 2>&1 | head -n 1), vsftpd at /usr/sbin/vsftpd"
