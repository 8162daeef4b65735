#!/usr/bin/env bash
# scripts/slurm/start-local-slurm.sh: a real single-node Slurm cluster on this machine, for
# hedgesim's Slurm test (Tests/HedgesimTests/SlurmClusterTests.swift) and for trying
# `hedgesim sweep FILE --emit slurm` by hand (docs/cluster.md).
#
# Debian's packages only (munge and slurm-wlm, i.e. slurmctld, slurmd and slurm-client; installed
# with apt-get when missing). It writes /etc/slurm/slurm.conf for this host, makes a MUNGE key if there is none,
# starts munged, slurmctld and slurmd as plain daemons (no systemd; no cgroups:
# ProctrackType=proctrack/linuxproc, TaskPlugin=task/none) and waits until `sinfo` shows the node
# up. Running it again is harmless: what runs is kept, and only a changed slurm.conf restarts the
# Slurm daemons this script started. .ci/run calls it before `make test` and
# scripts/slurm/stop-local-slurm.sh on exit.
#
# Run as root. Optional environment:
#   SLURM_START_TIMEOUT   seconds to wait for the node (default 90)
#   SLURM_PARTITION       the one default partition (default "debug")
#   SLURM_CLUSTER_NAME    ClusterName (default "local")
#
# stop-local-slurm.sh stops exactly the daemons this script started (records "PID STARTTIME
# COMM" in /run/local-slurm/); it never kills by name.
set -euo pipefail

TIMEOUT=${SLURM_START_TIMEOUT:-90}
PARTITION=${SLURM_PARTITION:-debug}
CLUSTER=${SLURM_CLUSTER_NAME:-local}

RECORDS=/run/local-slurm                  # "PID STARTTIME COMM" of each daemon we started
CONF_DIR=/etc/slurm
CONF=$CONF_DIR/slurm.conf
CTLD_STATE=/var/spool/slurmctld
SLURMD_SPOOL=/var/spool/slurmd
SLURM_LOG_DIR=/var/log/slurm
SLURM_RUN_DIR=/run/slurm
MUNGE_KEY=/etc/munge/munge.key
MUNGE_PIDFILE=/run/munge/munged.pid
MARKER="# Written by start-local-slurm.sh"

t0=$(date +%s.%N)
say() { printf '[start-local-slurm] %s\n' "$*"; }
elapsed() { awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

[ "$(id -u)" -eq 0 ] || { echo "start-local-slurm.sh: must run as root" >&2; exit 1; }

# One start or stop at a time (parallel test workers may all call this). The daemons are
# launched with fd 9 closed so that they do not keep holding the lock.
exec 9>/run/local-slurm.lock
flock 9

# ---------------------------------------------------------------- process records
# A record is "PID STARTTIME COMM"; STARTTIME (field 22 of /proc/PID/stat) makes a
# recycled PID impossible to mistake for our daemon. starttime prints nothing for a
# missing pid or a zombie (exited, not yet reaped: PID 1 on some machines reaps orphans
# only every second or so).
starttime() { sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | awk '$1 != "Z" && $1 != "X" { print $20 }'; }

record_alive() {   # record_alive NAME -> 0 when the daemon recorded under NAME still runs
    local f=$RECORDS/$1.pid pid st comm
    [ -r "$f" ] || return 1
    read -r pid st comm <"$f" || return 1
    [ -n "${pid:-}" ] && [ -n "$st" ] && [ "$(starttime "$pid")" = "$st" ] || return 1
    [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$comm" ]
}

pidfile_alive() {  # pidfile_alive FILE COMM -> 0 when FILE names a live process called COMM
    local pid
    [ -r "$1" ] || return 1
    read -r pid <"$1" || return 1
    [ -n "${pid:-}" ] && [ -n "$(starttime "$pid")" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$2" ]
}

write_record() {   # write_record NAME PIDFILE: copy the daemon's own pid file into our record
    local pid
    read -r pid <"$2"
    mkdir -p "$RECORDS"
    printf '%s %s %s\n' "$pid" "$(starttime "$pid")" "$(cat "/proc/$pid/comm")" >"$RECORDS/$1.pid"
}

stop_recorded() {  # stop_recorded NAME: SIGTERM a daemon we started, SIGKILL after 30 s
    local pid i
    record_alive "$1" || { rm -f "$RECORDS/$1.pid"; return 0; }
    read -r pid _ <"$RECORDS/$1.pid"
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 300; i++)); do record_alive "$1" || break; sleep 0.1; done
    if record_alive "$1"; then kill -KILL "$pid" 2>/dev/null || true; fi
    rm -f "$RECORDS/$1.pid"
}

show_logs() {
    local f
    for f in /var/log/munge/munged.log "$SLURM_LOG_DIR"/*-launch.log \
             "$SLURM_LOG_DIR"/slurmctld.log "$SLURM_LOG_DIR"/slurmd.log; do
        [ -s "$f" ] || continue
        echo "----- tail -n 40 $f" >&2
        tail -n 40 "$f" >&2
    done
}

started_now=()   # daemons this run started; a failed run stops them again

fail() {
    local i
    echo "start-local-slurm.sh: $*" >&2
    show_logs
    for ((i = ${#started_now[@]} - 1; i >= 0; i--)); do stop_recorded "${started_now[i]}"; done
    [ ${#started_now[@]} -eq 0 ] || echo "start-local-slurm.sh: stopped what this run started: ${started_now[*]}" >&2
    exit 1
}

# ---------------------------------------------------------------- 1. packages
missing=()
for p in munge slurm-wlm slurmctld slurmd slurm-client; do
    [ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)" = installed ] || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]} (apt-get, no recommends)"
    # Keep the packages' maintainer scripts from starting services through init.d:
    # a policy-rc.d that says 101 ("not allowed"), only for the time of the install and
    # only if the machine has none of its own (Docker-style images already ship one).
    own_policy=
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
        chmod 0755 /usr/sbin/policy-rc.d
        own_policy=1
        trap 'rm -f /usr/sbin/policy-rc.d' EXIT
    fi
    export DEBIAN_FRONTEND=noninteractive
    # Try the package lists already on the machine first; only when they are missing or
    # stale (package unknown, or its version gone from the mirror) run apt-get update once.
    # (fd 9 closed: a service that a maintainer script might start must not hold the lock)
    if ! apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 9>&-; then
        say "install from the current package lists failed; running apt-get update"
        apt-get update -qq 9>&-
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 9>&-
    fi
    if [ -n "$own_policy" ]; then rm -f /usr/sbin/policy-rc.d; trap - EXIT; fi
    say "packages installed ($(elapsed) s)"
fi
for b in /usr/sbin/munged /usr/sbin/slurmctld /usr/sbin/slurmd /usr/bin/sinfo; do
    [ -x "$b" ] || fail "$b missing after install"
done
id munge >/dev/null 2>&1 || fail "user munge missing (the munge package creates it)"

# ---------------------------------------------------------------- 2. munge
# munged refuses to start unless its key, directories and log are owned by the munge
# user and closed to others; set exactly what the Debian package (and its systemd unit,
# for /run/munge) would.
install -d -o munge -g munge -m 0700 /etc/munge /var/log/munge
install -d -o munge -g munge -m 0711 /var/lib/munge
install -d -o munge -g munge -m 0755 /run/munge
if [ ! -s "$MUNGE_KEY" ]; then
    say "creating $MUNGE_KEY"
    rm -f "$MUNGE_KEY"
    (umask 077 && dd if=/dev/urandom of="$MUNGE_KEY" bs=1024 count=1 status=none)
fi
chown munge:munge "$MUNGE_KEY"
chmod 0400 "$MUNGE_KEY"

munge_works() { /usr/bin/munge -n 2>/dev/null | /usr/bin/unmunge >/dev/null 2>&1; }

mkdir -p "$RECORDS" "$SLURM_LOG_DIR"
if munge_works; then
    if record_alive munged; then say "munged already running (started by this script)"
    else say "munged already running (not started by this script; left alone)"; fi
else
    rm -f "$RECORDS/munged.pid"
    say "starting munged"
    # --origin: the address put in credentials; without it munged resolves the hostname
    # and falls back to 0.0.0.0 where that fails, which slurmctld then logs as an error.
    runuser -u munge -- /usr/sbin/munged --origin=127.0.0.1 \
        </dev/null >>"$SLURM_LOG_DIR/munged-launch.log" 2>&1 9>&- \
        || fail "munged did not start"
    for ((i = 0; i < 100; i++)); do munge_works && break; sleep 0.1; done
    munge_works || fail "munged started but 'munge -n | unmunge' fails"
    pidfile_alive "$MUNGE_PIDFILE" munged || fail "munged pid file $MUNGE_PIDFILE missing"
    write_record munged "$MUNGE_PIDFILE"
    started_now+=(munged)
fi

# ---------------------------------------------------------------- 3. slurm.conf
node=$(hostname -s 2>/dev/null || true)
[ -n "$node" ] || node=$(uname -n)
node=${node%%.*}

# Hardware as slurmd itself will report it, so the node never drains for a mismatch.
hw=$(/usr/sbin/slurmd -C 2>/dev/null | head -n 1 || true)
hwval() { printf '%s\n' "$hw" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
cpus=$(hwval CPUs); sockets=$(hwval SocketsPerBoard); cores=$(hwval CoresPerSocket)
threads=$(hwval ThreadsPerCore); mem=$(hwval RealMemory)
if [ -z "$cpus" ] || [ -z "$sockets" ] || [ -z "$cores" ] || [ -z "$threads" ]; then
    cpus=$(nproc); sockets=$cpus; cores=1; threads=1
fi
[ -n "$mem" ] || mem=$(awk '/^MemTotal:/ { print int($2 / 1024) }' /proc/meminfo)
mem=$((mem * 95 / 100))   # a little below the total: a slightly smaller report later won't drain the node

slurm_user=slurm
id slurm >/dev/null 2>&1 || slurm_user=root

new_conf=$(mktemp)
cat >"$new_conf" <<EOF
$MARKER for a single-node test cluster; it is rewritten on every run.
ClusterName=$CLUSTER
# Explicit address: the controller and the node talk over loopback even where the
# hostname does not resolve.
SlurmctldHost=$node(127.0.0.1)
SlurmUser=$slurm_user
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
SlurmctldPort=6817
SlurmdPort=6818
StateSaveLocation=$CTLD_STATE
SlurmdSpoolDir=$SLURMD_SPOOL
SlurmctldPidFile=$SLURM_RUN_DIR/slurmctld.pid
SlurmdPidFile=$SLURM_RUN_DIR/slurmd.pid
SlurmctldLogFile=$SLURM_LOG_DIR/slurmctld.log
SlurmdLogFile=$SLURM_LOG_DIR/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
# No cgroups anywhere: process tracking by parent pid, no task containment.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
# No slurmdbd: sacct has no data. Finished jobs stay visible to scontrol/squeue for
# MinJobAge seconds and are appended to the JobCompLoc text file.
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$SLURM_LOG_DIR/jobcomp.log
MinJobAge=300
SelectType=select/cons_tres
# Cores only: memory is not a consumable, so jobs without --mem do not each claim the node.
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
# Test-cluster latency: schedule right after a job ends (default waits up to 3 s) and run
# backfill every second (default 30 s), so queued and dependent jobs start promptly.
SchedulerParameters=batch_sched_delay=0,bf_interval=1
MpiDefault=none
SwitchType=switch/none
ReturnToService=2
MailProg=/bin/true
SlurmctldTimeout=120
SlurmdTimeout=300
InactiveLimit=0
KillWait=30
Waittime=0
NodeName=$node NodeAddr=127.0.0.1 CPUs=$cpus Sockets=$sockets CoresPerSocket=$cores ThreadsPerCore=$threads RealMemory=$mem State=UNKNOWN
PartitionName=$PARTITION Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF

conf_changed=
mkdir -p "$CONF_DIR"
if ! cmp -s "$new_conf" "$CONF"; then
    if [ -e "$CONF" ] && ! grep -qF "$MARKER" "$CONF"; then
        backup=$CONF.orig-$(date +%Y%m%d%H%M%S)
        cp -p "$CONF" "$backup"
        say "kept the previous $CONF as $backup"
    fi
    install -m 0644 "$new_conf" "$CONF"
    conf_changed=1
    say "wrote $CONF (node $node: CPUs=$cpus RealMemory=$mem, partition $PARTITION)"
fi
rm -f "$new_conf"

install -d -o "$slurm_user" -g "$slurm_user" -m 0755 "$CTLD_STATE" "$SLURM_LOG_DIR" "$SLURM_RUN_DIR"
install -d -o root -g root -m 0755 "$SLURMD_SPOOL"

# ---------------------------------------------------------------- 4. slurmctld, slurmd
if [ -n "$conf_changed" ] && { record_alive slurmd || record_alive slurmctld; }; then
    say "slurm.conf changed: restarting the Slurm daemons this script started"
    stop_recorded slurmd
    stop_recorded slurmctld
fi

start_daemon() {   # start_daemon NAME PIDFILE CMD...
    local name=$1 pidfile=$2 i
    shift 2
    if record_alive "$name"; then
        say "$name already running (started by this script)"
        return 0
    fi
    rm -f "$RECORDS/$name.pid"   # stale: that process is gone
    if pidfile_alive "$pidfile" "$name"; then
        say "$name already running (not started by this script; left alone)"
        [ -z "$conf_changed" ] || say "warning: it has not read the new $CONF"
        return 0
    fi
    say "starting $name"
    rm -f "$pidfile"
    "$@" </dev/null >>"$SLURM_LOG_DIR/$name-launch.log" 2>&1 9>&- || fail "$name exited with an error"
    for ((i = 0; i < 100; i++)); do pidfile_alive "$pidfile" "$name" && break; sleep 0.1; done
    pidfile_alive "$pidfile" "$name" || fail "$name did not stay up (no live pid in $pidfile)"
    write_record "$name" "$pidfile"
    started_now+=("$name")
}

# Both daemonize themselves (fork, setsid, close stdio) and write their pid files.
start_daemon slurmctld "$SLURM_RUN_DIR/slurmctld.pid" /usr/sbin/slurmctld
start_daemon slurmd "$SLURM_RUN_DIR/slurmd.pid" /usr/sbin/slurmd -N "$node"

# ---------------------------------------------------------------- 5. wait for the node
say "waiting up to ${TIMEOUT}s for node $node to come up"
deadline=$(($(date +%s) + TIMEOUT))
resumed=
state=
while :; do
    for d in slurmctld slurmd; do
        [ ! -e "$RECORDS/$d.pid" ] || record_alive "$d" || fail "$d died while starting"
    done
    state=$(timeout 5 /usr/bin/sinfo -h -N -n "$node" -o '%T' 2>/dev/null | head -n 1 || true)
    case "$state" in
        idle | mixed | allocated | completing) break ;;
        drained* | draining* | down)
            # Left over from an earlier run (e.g. "Kill task failed"); the daemons are
            # up now, so put the node back in service once.
            if [ -z "$resumed" ]; then
                say "node is $state ($(timeout 5 /usr/bin/sinfo -h -N -n "$node" -o '%E')); resuming it"
                timeout 5 /usr/bin/scontrol update NodeName="$node" State=RESUME >/dev/null 2>&1 || true
                resumed=1
            fi ;;
    esac
    if [ "$(date +%s)" -ge "$deadline" ]; then
        timeout 5 /usr/bin/sinfo -N -l >&2 || true
        timeout 5 /usr/bin/scontrol show node "$node" >&2 || true
        fail "node $node not up after ${TIMEOUT}s (last state: '${state:-no answer}')"
    fi
    sleep 0.5
done
say "node $node is $state; partition $PARTITION ready ($(elapsed) s)"
