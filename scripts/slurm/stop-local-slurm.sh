#!/usr/bin/env bash
# scripts/slurm/stop-local-slurm.sh: stop the daemons scripts/slurm/start-local-slurm.sh
# started, and only those.
#
# It reads the records in /run/local-slurm/ ("PID STARTTIME COMM") and signals a process only
# when its pid, start time and command name all still match, so a daemon someone else started,
# or a recycled pid, is never touched; nothing is killed by name. When the controller is ours,
# jobs still queued or running are cancelled first (scancel), so no slurmstepd outlives the
# cluster. Configuration, MUNGE key, state and logs stay: the next start takes half a second.
# Safe to run when nothing runs.
set -uo pipefail

RECORDS=/run/local-slurm
say() { printf '[stop-local-slurm] %s\n' "$*"; }

[ "$(id -u)" -eq 0 ] || { echo "stop-local-slurm.sh: must run as root" >&2; exit 1; }

exec 9>/run/local-slurm.lock   # shared with start-local-slurm.sh: one at a time
flock 9

# Start time of a live process; nothing for a missing pid or a zombie (exited, not yet
# reaped: PID 1 on some machines reaps orphans only every second or so).
starttime() { sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | awk '$1 != "Z" && $1 != "X" { print $20 }'; }

record_alive() {
    local f=$RECORDS/$1.pid pid st comm
    [ -r "$f" ] || return 1
    read -r pid st comm <"$f" || return 1
    [ -n "${pid:-}" ] && [ -n "$st" ] && [ "$(starttime "$pid")" = "$st" ] || return 1
    [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$comm" ]
}

stopped=()   # "PID STARTTIME" of each daemon signalled here

stop_recorded() {  # SIGTERM, wait up to 30 s, then SIGKILL
    local name=$1 pid st i
    if ! record_alive "$name"; then
        [ -e "$RECORDS/$name.pid" ] && say "$name: recorded process is gone"
        rm -f "$RECORDS/$name.pid"
        return 0
    fi
    read -r pid st _ <"$RECORDS/$name.pid"
    stopped+=("$pid $st")
    say "stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 300; i++)); do record_alive "$name" || break; sleep 0.1; done
    if record_alive "$name"; then
        say "$name did not exit on SIGTERM within 30 s; sending SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
        sleep 0.2
    fi
    rm -f "$RECORDS/$name.pid"
}

queued() { timeout 10 /usr/bin/squeue -h -t PENDING,RUNNING,COMPLETING,SUSPENDED -o %A 2>/dev/null | sort -u; }

if record_alive slurmctld && [ -n "$(queued)" ]; then
    say "cancelling the jobs still in the queue"
    queued | xargs -r timeout 10 /usr/bin/scancel 2>/dev/null || true
    # up to 60 s: a job step that ignores SIGTERM is killed after KillWait (30 s)
    for ((i = 0; i < 600; i++)); do
        [ -z "$(queued)" ] && break
        sleep 0.1
    done
fi

stop_recorded slurmd
stop_recorded slurmctld
stop_recorded munged
rmdir "$RECORDS" 2>/dev/null || true

# The daemons have exited; give PID 1 up to 5 s to reap them so that `ps` right after this
# script shows no <defunct> slurmctld/slurmd/munged entries either. Cosmetic, never fatal.
for ((i = 0; i < 50; i++)); do
    left=
    for entry in "${stopped[@]}"; do
        [ "$(sed 's/^.*) //' "/proc/${entry% *}/stat" 2>/dev/null | awk '{ print $20 }')" = "${entry#* }" ] && left=1
    done
    [ -z "$left" ] && break
    sleep 0.1
done
say "done"
