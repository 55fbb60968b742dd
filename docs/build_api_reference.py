"""Write the API reference, docs/api/*.md, from the docstrings of the ``tf`` namespace.

One page per TF.js API family (the categories of ``tfjs_lab.api_coverage``: ``tf.*`` functions,
tensor methods, ``tf.layers``, ``tf.train``...), each TF.js name with its Python signature and
its docstring, then the names left out on purpose (with the reason) and those not built yet;
and one page each for tfjs_lab's own additions, ``tf.datasets`` and ``tf.vis``.

    python docs/build_api_reference.py            # rewrite docs/api/
    python docs/build_api_reference.py --check    # exit 1 if docs/api/ is out of date
"""
import argparse
import inspect
import pathlib
import re
import sys

import tfjs_lab as tf
from tfjs_lab import api_coverage

API_DIR = pathlib.Path(__file__).parent / 'api'
TITLES = {
    'topFunctions': ('tf', 'Functions of `tf`: tensor creation, ops, gradients, memory, models'),
    'tensorMethods': ('tensor', 'Methods of `tf.Tensor`'),
    'layers': ('layers', '`tf.layers`'), 'losses': ('losses', '`tf.losses`'),
    'metrics': ('metrics', '`tf.metrics`'), 'train': ('train', '`tf.train` (optimizers)'),
    'data': ('data', '`tf.data`'), 'io': ('io', '`tf.io`'), 'callbacks': ('callbacks', '`tf.callbacks`'),
    'initializers': ('initializers', '`tf.initializers`'), 'regularizers': ('regularizers', '`tf.regularizers`'),
    'constraints': ('constraints', '`tf.constraints`'), 'modelMethods': ('model', 'Methods of models (`LayersModel`, `Sequential`)'),
    'datasetMethods': ('dataset', 'Methods of `tf.data.Dataset`'),
}
# tfjs_lab's namespaces that TF.js has not: their public snake_case names are documented.
EXTRAS = {'datasets': '`tf.datasets`: data sets for lessons (tfjs_lab only)',
          'vis': '`tf.vis`: the tfjs-vis counterparts, in notebook widgets'}
_ADDRESS = re.compile(r' at 0x[0-9a-f]+')


def signature(obj, namespace=None):
    """``(args)`` of a function, method or class, or '' when Python cannot tell. A factory that
    passes everything on (``tf.layers.dense(*args, **kwargs)`` makes a ``Dense``) shows the
    options of the class in ``namespace`` that shares its docstring."""
    if namespace is not None and inspect.isfunction(obj) and obj.__doc__:
        made = [value for value in vars(namespace).values() if inspect.isclass(value) and value.__doc__ == obj.__doc__]
        if made and str(inspect.signature(obj)) == '(*args, **kwargs)':
            obj = made[0]
    target = obj.__init__ if inspect.isclass(obj) else obj
    try:
        text = str(inspect.signature(target))
    except (TypeError, ValueError):
        return ''
    text = text.replace('(self, ', '(').replace('(self)', '()')
    return _ADDRESS.sub('', text)


def docstring_markdown(obj):
    """The docstring with its examples in fenced Python blocks."""
    doc = inspect.getdoc(obj)
    if not doc:
        return '*(no docstring)*'
    lines, in_example = [], False
    for line in doc.splitlines():
        starts_example = line.lstrip().startswith('>>>')
        if starts_example and not in_example:
            lines.append('```python')
            in_example = True
        elif in_example and not line.strip():
            lines.append('```')
            in_example = False
        lines.append(line)
    if in_example:
        lines.append('```')
    return '\n'.join(lines)


def entry(prefix, name, obj, namespace=None):
    """One name's section: heading, signature, the snake_case spelling if it differs, docstring."""
    python_name = getattr(obj, '__name__', name)
    lines = [f'### `{prefix}{name}`', '', f'```python\n{prefix}{name}{signature(obj, namespace)}\n```', '']
    if python_name != name and python_name.replace('_', '').lower() == name.lower():
        lines += [f'Python spelling: `{prefix}{python_name}`.', '']
    return lines + [docstring_markdown(obj), '']


def category_page(category, entry_names):
    file_name, title = TITLES[category]
    path = api_coverage.CATEGORIES[category]
    namespace = api_coverage.lookup(path)
    prefix = 'tf.' + (path + '.' if path else '')
    if category in ('tensorMethods', 'modelMethods', 'datasetMethods'):
        prefix = {'tensorMethods': 'tensor.', 'modelMethods': 'model.', 'datasetMethods': 'dataset.'}[category]
    lines = [f'# {title}', '', f'{len(entry_names["present"])} TF.js names; '
             'every one works in its TF.js camelCase spelling and in Python snake_case.', '']
    for name in sorted(entry_names['present'], key=str.lower):
        lines += entry(prefix, name, api_coverage.lookup(name, namespace), namespace)
    if entry_names['left_out']:
        lines += ['## Left out on purpose', '']
        lines += [f'- `{name}`: {reason}' for name, reason in sorted(entry_names['left_out'].items())] + ['']
    if entry_names['missing']:
        lines += ['## Not built yet', '', ', '.join(f'`{name}`' for name in entry_names['missing']), '']
    return file_name, lines


def _own_names(namespace, prefix, package):
    """(dotted name, object) of the functions and classes defined in ``package`` that
    ``namespace`` exports under their own names (not the camelCase aliases), submodules in its
    ``__all__`` included."""
    found = []
    for name in getattr(namespace, '__all__', None) or dir(namespace):
        obj = getattr(namespace, name)
        if inspect.ismodule(obj) and name in getattr(namespace, '__all__', ()):
            found += _own_names(obj, f'{prefix}{name}.', package)
        elif not name.startswith('_') and (inspect.isfunction(obj) or inspect.isclass(obj)) \
                and obj.__name__ == name and obj.__module__.startswith(package):
            found.append((prefix + name, obj))
    return found


def extra_page(attribute, title):
    namespace = getattr(tf, attribute)
    lines = [f'# {title}', '', docstring_markdown(namespace), '']
    for name, obj in sorted(_own_names(namespace, '', namespace.__name__), key=lambda pair: pair[0].lower()):
        lines += entry(f'tf.{attribute}.', name, obj)
    return attribute, lines


def pages():
    """``{file name: markdown}`` of every page, the index included."""
    built = [category_page(category, names) for category, names in api_coverage.report().items()]
    built += [extra_page(attribute, title) for attribute, title in EXTRAS.items()]
    index = ['# API reference', '',
             'Built from the docstrings by `docs/build_api_reference.py`; do not edit by hand. '
             'For how TF.js code maps onto these names, see [the porting guide](../PORTING.md).', '']
    titles = {**{file_name: title for file_name, title in TITLES.values()}, **EXTRAS}
    index += [f'- [{titles[file_name]}]({file_name}.md)' for file_name, _ in built]
    result = {f'{file_name}.md': '\n'.join(lines).rstrip() + '\n' for file_name, lines in built}
    result['README.md'] = '\n'.join(index) + '\n'
    return result


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--check', action='store_true', help='only report whether docs/api/ is up to date')
    parser.add_argument('--out', type=pathlib.Path, default=API_DIR, help='where to write (default: docs/api)')
    arguments = parser.parse_args(argv)
    wanted = pages()
    if arguments.check:
        stale = sorted(name for name, text in wanted.items()
                       if not (arguments.out / name).is_file() or (arguments.out / name).read_text() != text)
        extra = sorted(p.name for p in arguments.out.glob('*.md') if p.name not in wanted)
        if stale or extra:
            print(f'{arguments.out} is out of date: {", ".join(stale + extra)}; run python docs/build_api_reference.py',
                  file=sys.stderr)
            return 1
        return 0
    arguments.out.mkdir(parents=True, exist_ok=True)
    for old in arguments.out.glob('*.md'):
        if old.name not in wanted:
            old.unlink()
    for name, text in wanted.items():
        (arguments.out / name).write_text(text)
    print(f'wrote {len(wanted)} pages to {arguments.out}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
