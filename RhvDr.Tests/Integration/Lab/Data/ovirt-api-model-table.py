#!/usr/bin/env python3
"""Derives ovirt-api-model.tsv from a clone of oVirt/ovirt-engine-api-model: which XML names each type of the API model allows.

Usage: ovirt-api-model-table.py <git dir of ovirt-engine-api-model> [commit] > ovirt-api-model.tsv

Rows (tab-separated):
  element <Type> <xml name>           the element a value of the type is written as (snake_case of the type name)
  member  <Type> <xml name> <Type>    an attribute or link of the type, inherited ones included; "[]" marks a list
  rel     <Type> <rel>                a sub-collection a <link rel=".."/> may name: list links of the type and
                                      the sub-services of its entity service (<Type>Service), lower case, no "_"
  enum    <Type>                      an enumeration: written as text
  The metamodel, not the model, declares two types, built here as it builds them: Action (the <action> element every
  action posts and answers: Identified, the in and out parameters of every action method, status, fault, job,
  grace_period; the SDK's Action also has a few parameters of add methods, which the lab neither sends nor reads) and
  Fault (reason, detail).
  action  <Service> <action>          an action of a service (POST .../<action>): its methods other than get, list,
                                      add, update and remove, lower case, no "_"
  param   <Service> <action> <name>   an input parameter of that action, as named in the <action> element it posts
"""
import re
import subprocess
import sys

git_dir = sys.argv[1]
commit = sys.argv[2] if len(sys.argv) > 2 else "HEAD"
commit = subprocess.check_output(["git", "-C", git_dir, "rev-parse", commit], text=True).strip()

# The model names a few types differently in XML than its Java name; its own documentation shows these.
ELEMENT_NAMES = {"VirtualNumaNode": "vm_numa_node"}


def show(path):
    return subprocess.check_output(["git", "-C", git_dir, "show", f"{commit}:{path}"], text=True)


def files(folder, recursive=False):
    args = ["git", "-C", git_dir, "ls-tree", "--name-only"] + (["-r"] if recursive else []) + [f"{commit}:{folder}"]
    out = subprocess.check_output(args, text=True)
    return [f"{folder}/{name}" for name in out.split() if name.endswith(".java")]


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


def snake(name):
    # Java names that are keywords carry a leading "_" (_interface, _import); the model drops it.
    name = name.lstrip("_")
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


types, parents, enums = {}, {}, set()
for path in files("src/main/java/types"):
    text = strip_comments(show(path))
    enum = re.search(r"public\s+enum\s+(\w+)", text)
    if enum:
        enums.add(enum.group(1))
        continue
    head = re.search(r"public\s+interface\s+(\w+)(?:\s+extends\s+([\w\s,]+?))?\s*\{", text)
    if not head:
        continue
    name = head.group(1)
    parents[name] = [p.strip() for p in (head.group(2) or "").split(",") if p.strip()]
    body = text[head.end():]
    members = []
    for match in re.finditer(r"((?:@\w+\s+)*)([\w]+(?:\[\])?)\s+(\w+)\(\s*\)\s*;", body):
        members.append((snake(match.group(3)), match.group(2), "@Link" in match.group(1), match.group(3)))
    types[name] = members


def all_members(name, seen=None):
    seen = seen or set()
    if name in seen or name not in types:
        return []
    seen.add(name)
    result = list(types[name])
    for parent in parents.get(name, []):
        result += all_members(parent, seen)
    return result


service_rels = {}
service_actions = {}
action_members = {}
CRUD = {"get", "list", "add", "update", "remove"}
READS = CRUD
PARAMETER = re.compile(r"((?:@(?:In|Out)\s+)+)([\w.]+(?:\[\])?)\s+(\w+)\s*\(")
for path in files("src/main/java/services", recursive=True):
    text = strip_comments(show(path))
    head = re.search(r"public\s+interface\s+(\w+)Service\b", text)
    if head:
        service_rels[head.group(1)] = {m.group(1).lower() for m in re.finditer(r"@Service\s+\w+\s+(\w+)\s*\(", text)}
        actions = {}
        # A method is an interface nested in the service; its @In members are the parameters. Interfaces nested in a
        # method (Install's UsingSsh) are ways to call it, not methods.
        last_end = 0
        for method in re.finditer(r"\binterface\s+(\w+)(?:\s+extends\s+[\w\s,]+?)?\s*\{", text[head.end():]):
            start = head.end() + method.end()
            if start < last_end:
                continue
            depth, end = 1, start
            while depth and end < len(text):
                depth += {"{": 1, "}": -1}.get(text[end], 0)
                end += 1
            last_end = end
            name = method.group(1)
            body = text[start:end]
            parameters = [(m.group(1), m.group(2).split(".")[-1], snake(m.group(3))) for m in PARAMETER.finditer(body)]
            # The metamodel's <action> carries the parameters of every action, add and update method, in or out.
            if name.lower() not in READS:
                for _, param_type, param in parameters:
                    action_members.setdefault(param, param_type)
            if name.lower() in CRUD:
                continue
            actions[name.lower()] = sorted(param for annotations, _, param in parameters if "@In" in annotations)
        service_actions[head.group(1) + "Service"] = actions

# Two types the metamodel builds rather than the model declares: the <action> element every action method posts and
# answers (an Identified with every action parameter, the outcome and its job) and the <fault> of an error answer.
types["Action"] = [(k, v, False, k) for k, v in sorted(action_members.items())] + [
    ("status", "String", False, "status"), ("fault", "Fault", False, "fault"), ("job", "Job", False, "job"),
    ("grace_period", "GracePeriod", False, "gracePeriod")]
parents["Action"] = ["Identified"]
types["Fault"] = [("reason", "String", False, "reason"), ("detail", "String", False, "detail")]
parents["Fault"] = []

print(f"# Derived from oVirt/ovirt-engine-api-model at commit {commit} (src/main/java/types, src/main/java/services)")
print("# by ovirt-api-model-table.py; see its header for the rows.")
for name in sorted(enums):
    print(f"enum\t{name}")
for name in sorted(types):
    print(f"element\t{name}\t{ELEMENT_NAMES.get(name, snake(name))}")
    members = {}
    rels = set(service_rels.get(name, set()))
    for xml_name, member_type, is_link, java_name in all_members(name):
        members.setdefault(xml_name, member_type)
        if is_link and member_type.endswith("[]"):
            rels.add(java_name.lstrip("_").lower())
    for xml_name in sorted(members):
        print(f"member\t{name}\t{xml_name}\t{members[xml_name]}")
    for rel in sorted(rels):
        print(f"rel\t{name}\t{rel}")
for service in sorted(service_actions):
    for action, params in sorted(service_actions[service].items()):
        print(f"action\t{service}\t{action}")
        for param in params:
            print(f"param\t{service}\t{action}\t{param}")
