#!/usr/bin/env bash
# Captures, with the AWS CLI, everything `kubelift import --aws-cli DIR` reads,
# so an account owner can hand a reviewer a folder instead of credentials.
#
#   scripts/capture-aws-cli.sh --out DIR [--profile P] [--region R]... [--all-regions] [--jobs N]
#                              [--include-user-data] [--force]
#
# Only read-only calls are made (sts get-caller-identity, ec2 describe-regions
# and the describe-* calls listed in docs/import.md). The layout written is
#
#   DIR/<account-id>/<region>/<service>-<command>.json          one listing, all pages
#   DIR/<account-id>/<region>/<service>-<command>/<key>.json    one call per resource
#   DIR/<account-id>/<region>/<...>.error.txt                   what the AWS CLI said when a call failed
#
# A failed call (AccessDenied, a region that is not enabled…) does not stop the
# capture: its error is kept next to where its output would be, and kubelift
# import records it as a coverage gap. User data, which often holds secrets,
# is blanked out of launch templates and launch configurations unless
# --include-user-data is given. Works with bash 3.2 (macOS) and later, with
# AWS CLI v1 and v2; needs nothing else.
set -u -o pipefail

usage() {
  cat <<'EOF'
Usage: capture-aws-cli.sh --out DIR [options]

Captures the AWS CLI output that `kubelift import --aws-cli DIR` turns into a snapshot.

Options:
  --out DIR        folder to write (DIR/<account-id>/<region>/...)
  --profile P      AWS CLI profile to use (default: the CLI's own default chain)
  --region R       region to capture; repeat for several (default: AWS_REGION,
                   AWS_DEFAULT_REGION or the profile's region)
  --all-regions    every region enabled for the account
  --jobs N         AWS CLI calls to run at once (default 4)
  --include-user-data
                   keep user data (launch templates, launch configurations) and
                   capture each instance's user data (one call per instance);
                   by default user data is blanked out before it is written
  --force          replace DIR/<account-id>/<region> if it already holds a capture
  -h, --help       this text
EOF
}

die() {
  echo "error: $*" >&2
  exit 1
}

OUT=""
PROFILE=""
REGIONS=()
ALL_REGIONS=0
JOBS=4
FORCE=0
USER_DATA=0
while [ $# -gt 0 ]; do
  case "$1" in
    --out) [ $# -ge 2 ] || die "--out needs a folder"; OUT=$2; shift 2 ;;
    --profile) [ $# -ge 2 ] || die "--profile needs a name"; PROFILE=$2; shift 2 ;;
    --region) [ $# -ge 2 ] || die "--region needs a name"; REGIONS+=("$2"); shift 2 ;;
    --all-regions) ALL_REGIONS=1; shift ;;
    --jobs) [ $# -ge 2 ] || die "--jobs needs a number"; JOBS=$2; shift 2 ;;
    --force) FORCE=1; shift ;;
    --include-user-data) USER_DATA=1; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
done
[ -n "$OUT" ] || { usage >&2; die "--out DIR is required"; }
case "$JOBS" in '' | *[!0-9]* | 0) die "--jobs must be a positive number" ;; esac
command -v aws >/dev/null 2>&1 || die "the AWS CLI (aws) is not on PATH"

# The CLI must never page its output into a terminal pager (v2) or prompt.
export AWS_PAGER=""
AWS_ARGS=()
[ -n "$PROFILE" ] && AWS_ARGS=(--profile "$PROFILE")

awscli() {
  aws ${AWS_ARGS[@]+"${AWS_ARGS[@]}"} "$@"
}

# The profile's region is read only when no region was given (each AWS CLI call costs a second).
DEFAULT_REGION=${AWS_REGION:-${AWS_DEFAULT_REGION:-}}
if [ -z "$DEFAULT_REGION" ] && [ ${#REGIONS[@]} -eq 0 ]; then
  DEFAULT_REGION=$(awscli configure get region 2>/dev/null || true)
fi
# Global calls (sts, describe-regions) still need a region to sign for.
HOME_REGION=${REGIONS[0]:-${DEFAULT_REGION:-us-east-1}}

ACCOUNT=$(awscli sts get-caller-identity --region "$HOME_REGION" --query Account --output text) ||
  die "no working AWS credentials (aws sts get-caller-identity failed)"
case "$ACCOUNT" in [0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]) ;; *) die "unexpected account id from sts get-caller-identity: $ACCOUNT" ;; esac

if [ "$ALL_REGIONS" = 1 ]; then
  # Without --all-regions, describe-regions lists only the regions enabled for the account.
  listed=$(awscli ec2 describe-regions --region "$HOME_REGION" --query 'Regions[].[RegionName]' --output text) || die "ec2 describe-regions failed"
  REGIONS=()
  for r in $listed; do REGIONS+=("$r"); done
elif [ ${#REGIONS[@]} -eq 0 ]; then
  [ -n "$DEFAULT_REGION" ] || die "no region: pass --region (repeatable) or --all-regions, or set one in your AWS profile"
  REGIONS=("$DEFAULT_REGION")
fi

# File names hold resource names; Auto Scaling group names may contain any
# character, so everything outside [A-Za-z0-9_-] is percent-encoded (UTF-8 bytes).
encode() {
  local LC_ALL=C s=$1 out="" c i
  for ((i = 0; i < ${#s}; i++)); do
    c=${s:i:1}
    case "$c" in
      [A-Za-z0-9_-]) out="$out$c" ;;
      *) out="$out$(printf '%%%02X' "'$c")" ;;
    esac
  done
  printf '%s' "$out"
}

# Values of a string field in a captured JSON file. Used only for fields whose
# values cannot hold quotes or backslashes (ARNs, ids, ELB names, instance
# types), so reading them from the file saves a second API call per listing.
json_values() {
  local file=$1 key=$2
  [ -f "$file" ] || return 0
  grep -o "\"$key\": \"[^\"]*\"" "$file" | sed -e "s/^\"$key\": \"//" -e 's/"$//'
}

throttle() {
  local running
  while :; do
    running=($(jobs -pr))
    [ ${#running[@]} -lt "$JOBS" ] && return
    sleep 0.1
  done
}

# try_capture PATH SERVICE COMMAND [ARGS...]: one read-only AWS CLI call, its
# JSON output stored atomically as PATH.json, or its error as PATH.error.txt
# (and a non-zero status).
try_capture() {
  local path=$1
  shift
  [ -d "${path%/*}" ] || mkdir -p "${path%/*}"
  local tmp="${path%/*}/.${path##*/}.$RANDOM$RANDOM.tmp"
  if awscli "$@" --output json >"$tmp" 2>"$tmp.err"; then
    mv -f "$tmp" "$path.json"
    rm -f "$tmp.err" "$path.error.txt"
  else
    mv -f "$tmp.err" "$path.error.txt"
    rm -f "$tmp"
    return 1
  fi
}

failed_call() {
  echo "warning: aws $2 $3 failed in $REGION: $(head -c 300 "$1.error.txt" | tr '\n' ' ')" >&2
}

# capture PATH SERVICE COMMAND [ARGS...]: try_capture, with a warning when the call failed.
capture() {
  try_capture "$@" || failed_call "$@"
}

# capture_images PATH AMI-ID...: describe-images by id. AWS fails the whole call
# when it does not know one of the ids (an AMI deregistered, or no longer
# shared with the account), so such a batch is asked again one id at a time,
# as PATH-<id>, and the unknown ids are left out: their instances just carry
# no image details.
capture_images() {
  local path=$1 id
  shift
  try_capture "$path" ec2 describe-images "${R[@]}" --image-ids "$@" && return 0
  if ! unknown_ami "$path"; then
    failed_call "$path" ec2 describe-images
    return 0
  fi
  rm -f "$path.error.txt"
  if [ $# -eq 1 ]; then
    skipped_ami "$1"
    return 0
  fi
  for id in "$@"; do
    try_capture "$path-$id" ec2 describe-images "${R[@]}" --image-ids "$id" && continue
    if unknown_ami "$path-$id"; then
      rm -f "$path-$id.error.txt"
      skipped_ami "$id"
    else
      failed_call "$path-$id" ec2 describe-images
    fi
  done
}

# Whether the call whose error is PATH.error.txt failed because AWS did not know an AMI id.
unknown_ami() {
  grep -q 'InvalidAMIID\.' "$1.error.txt" 2>/dev/null
}

skipped_ami() {
  echo "note: AMI $1 is unknown to AWS in $REGION (deregistered, or no longer shared with the account); its instances get no image details" >&2
}

# Blanks every "UserData" string in a captured file (the CLI prints one per
# line, base64, so no quote can occur inside it); kubelift reads "" as none.
strip_user_data() {
  local file tmp
  for file in "$@"; do
    [ -f "$file" ] || continue
    tmp="${file%/*}/.${file##*/}.$RANDOM$RANDOM.tmp"
    sed -e 's/"UserData": "[^"]*"/"UserData": ""/' "$file" >"$tmp" && mv -f "$tmp" "$file"
  done
}

background() {
  throttle
  "$@" &
}

capture_region() {
  local dir=$OUT/$ACCOUNT/$REGION
  if [ -d "$dir" ] && [ -n "$(ls -A "$dir" 2>/dev/null)" ]; then
    [ "$FORCE" = 1 ] || die "$dir already holds a capture; pass --force to replace it"
    rm -rf "$dir"
  fi
  mkdir -p "$dir"
  local R=(--region "$REGION")
  echo "capturing account $ACCOUNT region $REGION" >&2

  # Listings: every page of each, merged by the CLI.
  background capture "$dir/ec2-describe-instances" ec2 describe-instances "${R[@]}"
  background capture "$dir/ec2-describe-volumes" ec2 describe-volumes "${R[@]}"
  background capture "$dir/ec2-describe-subnets" ec2 describe-subnets "${R[@]}"
  background capture "$dir/ec2-describe-vpcs" ec2 describe-vpcs "${R[@]}"
  background capture "$dir/ec2-describe-security-groups" ec2 describe-security-groups "${R[@]}"
  background capture "$dir/ec2-describe-addresses" ec2 describe-addresses "${R[@]}"
  # 200 is the API's largest page; some endpoints drop results past the default page instead of paging.
  background capture "$dir/ec2-describe-launch-templates" ec2 describe-launch-templates "${R[@]}" --page-size 200
  background capture "$dir/ec2-describe-availability-zones" ec2 describe-availability-zones "${R[@]}"
  background capture "$dir/elbv2-describe-load-balancers" elbv2 describe-load-balancers "${R[@]}"
  background capture "$dir/elbv2-describe-target-groups" elbv2 describe-target-groups "${R[@]}"
  background capture "$dir/elb-describe-load-balancers" elb describe-load-balancers "${R[@]}"
  background capture "$dir/autoscaling-describe-auto-scaling-groups" autoscaling describe-auto-scaling-groups "${R[@]}"
  background capture "$dir/autoscaling-describe-launch-configurations" autoscaling describe-launch-configurations "${R[@]}"
  background capture "$dir/autoscaling-describe-policies" autoscaling describe-policies "${R[@]}"
  background capture "$dir/autoscaling-describe-scheduled-actions" autoscaling describe-scheduled-actions "${R[@]}"
  wait
  [ "$USER_DATA" = 1 ] || strip_user_data "$dir/autoscaling-describe-launch-configurations.json"

  # Per-resource calls, keyed by the resource in the file name.
  local id arn name n batch
  # The AMIs the instances were launched from, at most 100 per call.
  n=0
  batch=()
  for id in $(json_values "$dir/ec2-describe-instances.json" ImageId | sort -u); do
    batch+=("$id")
    if [ ${#batch[@]} -eq 100 ]; then
      n=$((n + 1))
      background capture_images "$dir/ec2-describe-images/$n" "${batch[@]}"
      batch=()
    fi
  done
  if [ ${#batch[@]} -gt 0 ]; then
    n=$((n + 1))
    background capture_images "$dir/ec2-describe-images/$n" "${batch[@]}"
  fi
  for id in $(json_values "$dir/ec2-describe-launch-templates.json" LaunchTemplateId); do
    background capture "$dir/ec2-describe-launch-template-versions/$id" ec2 describe-launch-template-versions "${R[@]}" --launch-template-id "$id" --page-size 200
  done
  for arn in $(json_values "$dir/elbv2-describe-load-balancers.json" LoadBalancerArn); do
    # arn:…:loadbalancer/<app|net|gwy>/<name>/<id>
    name=${arn#*:loadbalancer/*/}
    name=${name%/*}
    background capture "$dir/elbv2-describe-listeners/$(encode "$name")" elbv2 describe-listeners "${R[@]}" --load-balancer-arn "$arn"
    background capture "$dir/elbv2-describe-load-balancer-attributes/$(encode "$name")" elbv2 describe-load-balancer-attributes "${R[@]}" --load-balancer-arn "$arn"
  done
  for arn in $(json_values "$dir/elbv2-describe-target-groups.json" TargetGroupArn); do
    # arn:…:targetgroup/<name>/<id>
    name=${arn#*:targetgroup/}
    name=${name%/*}
    background capture "$dir/elbv2-describe-target-health/$(encode "$name")" elbv2 describe-target-health "${R[@]}" --target-group-arn "$arn"
    background capture "$dir/elbv2-describe-target-group-attributes/$(encode "$name")" elbv2 describe-target-group-attributes "${R[@]}" --target-group-arn "$arn"
  done
  # Tags: at most 20 resources per call.
  n=0
  batch=()
  for arn in $(json_values "$dir/elbv2-describe-load-balancers.json" LoadBalancerArn) $(json_values "$dir/elbv2-describe-target-groups.json" TargetGroupArn); do
    batch+=("$arn")
    if [ ${#batch[@]} -eq 20 ]; then
      n=$((n + 1))
      background capture "$dir/elbv2-describe-tags/$n" elbv2 describe-tags "${R[@]}" --resource-arns "${batch[@]}"
      batch=()
    fi
  done
  if [ ${#batch[@]} -gt 0 ]; then
    n=$((n + 1))
    background capture "$dir/elbv2-describe-tags/$n" elbv2 describe-tags "${R[@]}" --resource-arns "${batch[@]}"
  fi
  n=0
  batch=()
  for name in $(json_values "$dir/elb-describe-load-balancers.json" LoadBalancerName); do
    background capture "$dir/elb-describe-instance-health/$(encode "$name")" elb describe-instance-health "${R[@]}" --load-balancer-name "$name"
    background capture "$dir/elb-describe-load-balancer-attributes/$(encode "$name")" elb describe-load-balancer-attributes "${R[@]}" --load-balancer-name "$name"
    batch+=("$name")
    if [ ${#batch[@]} -eq 20 ]; then
      n=$((n + 1))
      background capture "$dir/elb-describe-tags/$n" elb describe-tags "${R[@]}" --load-balancer-names "${batch[@]}"
      batch=()
    fi
  done
  if [ ${#batch[@]} -gt 0 ]; then
    n=$((n + 1))
    background capture "$dir/elb-describe-tags/$n" elb describe-tags "${R[@]}" --load-balancer-names "${batch[@]}"
  fi
  if [ -f "$dir/autoscaling-describe-auto-scaling-groups.json" ]; then
    # Group names may hold any character, so they come from the CLI one per line, not from the file,
    # each with whether the group has a warm pool (only those are asked for theirs).
    local names pool
    names=$(awscli autoscaling describe-auto-scaling-groups "${R[@]}" --output text \
      --query "AutoScalingGroups[].[AutoScalingGroupName, WarmPoolConfiguration && 'warm' || 'none']") ||
      echo "warning: could not list Auto Scaling group names in $REGION; lifecycle hooks and warm pools are not captured" >&2
    # A here-string, not a pipe: the loop must run in this shell so that `wait` sees its jobs.
    while IFS=$'\t' read -r name pool; do
      [ -n "$name" ] || continue
      background capture "$dir/autoscaling-describe-lifecycle-hooks/$(encode "$name")" autoscaling describe-lifecycle-hooks "${R[@]}" --auto-scaling-group-name "$name"
      if [ "$pool" = warm ]; then
        background capture "$dir/autoscaling-describe-warm-pool/$(encode "$name")" autoscaling describe-warm-pool "${R[@]}" --auto-scaling-group-name "$name"
      fi
    done <<<"$names"
  fi
  wait
  [ "$USER_DATA" = 1 ] || strip_user_data "$dir"/ec2-describe-launch-template-versions/*.json
  if [ "$USER_DATA" = 1 ] && [ -f "$dir/ec2-describe-instances.json" ]; then
    local ids
    ids=$(awscli ec2 describe-instances "${R[@]}" --output text --query 'Reservations[].Instances[].[InstanceId]' \
      --filters Name=instance-state-name,Values=pending,running,stopping,stopped) ||
      echo "warning: could not list instances in $REGION; their user data is not captured" >&2
    for id in $ids; do
      background capture "$dir/ec2-describe-instance-attribute/$id" ec2 describe-instance-attribute "${R[@]}" --attribute userData --instance-id "$id"
    done
  fi

  # Second round: rules need the listeners, instance types need everything that names a type.
  for arn in $(cat "$dir"/elbv2-describe-listeners/*.json 2>/dev/null | grep -o '"ListenerArn": "[^"]*"' | sed -e 's/^"ListenerArn": "//' -e 's/"$//'); do
    background capture "$dir/elbv2-describe-rules/${arn##*/}" elbv2 describe-rules "${R[@]}" --listener-arn "$arn"
  done
  # Instance types named anywhere in the capture, at most 100 per call; kubelift keeps the ones in use.
  local type types=()
  for type in $(cat "$dir"/ec2-describe-instances.json "$dir"/ec2-describe-launch-template-versions/*.json \
    "$dir"/autoscaling-describe-auto-scaling-groups.json "$dir"/autoscaling-describe-launch-configurations.json 2>/dev/null |
    grep -o '"InstanceType": "[^"]*"' | sed -e 's/^"InstanceType": "//' -e 's/"$//' | sort -u); do
    types+=("$type")
  done
  n=0
  while [ $((n * 100)) -lt ${#types[@]} ]; do
    background capture "$dir/ec2-describe-instance-types/$((n + 1))" ec2 describe-instance-types "${R[@]}" --instance-types "${types[@]:$((n * 100)):100}"
    n=$((n + 1))
  done
  if [ ${#types[@]} -eq 0 ]; then
    # Nothing names a type, so there is nothing to describe; this is what the call would answer.
    mkdir -p "$dir/ec2-describe-instance-types"
    printf '{\n    "InstanceTypes": []\n}\n' >"$dir/ec2-describe-instance-types/1.json"
  fi
  wait
}

for REGION in "${REGIONS[@]}"; do
  capture_region
done

failed=$(find "$OUT/$ACCOUNT" -name '*.error.txt' | wc -l | tr -d ' ')
echo "captured account $ACCOUNT, ${#REGIONS[@]} region(s) into $OUT/$ACCOUNT" >&2
if [ "$failed" != 0 ]; then
  echo "warning: $failed call(s) failed; kubelift import records them as coverage gaps (see the *.error.txt files)" >&2
fi
echo "next: kubelift import --aws-cli $OUT --out snapshot.json" >&2
