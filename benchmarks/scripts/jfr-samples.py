#!/usr/bin/env python3
"""Where the CPU went in a JFR recording: jdk.ExecutionSample counted by thread, by top frame and
by the first frame of a given package prefix (default io.korch), each as a share of all samples.

    python3 benchmarks/scripts/jfr-samples.py gateway.jfr [--prefix io.korch] [--top 25] [--thread REGEX]

Needs the JDK's `jfr` tool on the PATH or in $JAVA_HOME/bin."""
import argparse, collections, json, os, re, shutil, subprocess, sys


def jfr_tool():
    found = shutil.which("jfr")
    if found:
        return found
    home = os.environ.get("JAVA_HOME", "/usr/lib/jvm/java-17-openjdk-amd64")
    return os.path.join(home, "bin", "jfr")


def thread_group(name):
    """Thread names with their numbers folded: 'vert.x-eventloop-thread-0' -> 'vert.x-eventloop-thread-N'."""
    return re.sub(r"\d+", "N", name)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("recording")
    parser.add_argument("--prefix", default="io.korch")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--thread", default=None, help="only samples of threads whose name matches")
    args = parser.parse_args()
    out = subprocess.run([jfr_tool(), "print", "--json", "--events", "jdk.ExecutionSample", args.recording],
                         check=True, capture_output=True, text=True).stdout
    events = json.loads(out)["recording"]["events"]
    by_thread, by_top, by_first, by_method = (collections.Counter() for _ in range(4))
    total = 0
    for event in events:
        values = event["values"]
        thread = (values.get("sampledThread") or {}).get("javaName") or "?"
        if args.thread and not re.search(args.thread, thread):
            continue
        frames = [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"]
                  for f in (values.get("stackTrace") or {}).get("frames", [])]
        total += 1
        by_thread[thread_group(thread)] += 1
        if frames:
            by_top[frames[0]] += 1
        first = next((f for f in frames if f.startswith(args.prefix)), "(no " + args.prefix + " frame)")
        by_first[first] += 1
        for method in set(frames):
            by_method[method] += 1
    if total == 0:
        sys.exit("no samples")
    for title, counter in (("thread", by_thread), ("top frame", by_top),
                           ("first " + args.prefix + " frame", by_first), ("on the stack (inclusive)", by_method)):
        print(f"\n{title} ({total} samples)")
        for name, count in counter.most_common(args.top):
            print(f"  {100.0 * count / total:5.1f} %  {count:6d}  {name}")


if __name__ == "__main__":
    main()
