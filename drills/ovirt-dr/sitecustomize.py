"""Put back inspect.getargspec on Python 3.11+, where it was removed.

The ovirt.ovirt collection's module_utils/ovirt.py calls inspect.getargspec(service.list) to learn whether a list
call takes `search`. The drill scripts put this folder on PYTHONPATH, so every Python they start (ovirt-dr, Ansible,
and the Ansible modules it runs) loads this first.
"""
import collections
import inspect

if not hasattr(inspect, "getargspec"):
    ArgSpec = collections.namedtuple("ArgSpec", "args varargs keywords defaults")

    def getargspec(func):
        spec = inspect.getfullargspec(func)
        return ArgSpec(spec.args, spec.varargs, spec.varkw, spec.defaults)

    inspect.getargspec = getargspec
