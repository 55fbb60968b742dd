"""``tf.vis.visor()``: tfjs-vis's visor, a panel of named tabs holding named surfaces, drawn
as one widget in the notebook (``vis/static/visor.js``).

``render.*`` and ``show.*`` calls whose container is ``{'name': ..., 'tab': ...}`` draw into
the surface of that name on that tab, creating both on first use, as in tfjs-vis. The visor
keeps every surface's HTML in its ``surfaces`` trait, so views opened later and notebooks
saved with widget state show everything; each drawing is pushed through the shared
:class:`~tfjs_lab.vis.live.LiveWidget` throttle.

The rendered root carries ``data-tfjs-lab-widget="visor"``, ``data-active-tab``; each tab
button ``data-tab``, each surface ``data-surface`` (its name) and ``data-tab``.
"""
import traitlets

from .._naming import CamelAliases
from .live import STATIC, LiveWidget


class VisorPanel(LiveWidget):
    """The visor's widget: tabs and surfaces as the browser shows them."""
    _esm = STATIC / 'visor.js'
    _css = STATIC / 'visor.css'
    surfaces = traitlets.List().tag(sync=True)        # [{'tab', 'name', 'html'}] in order of creation
    active_tab = traitlets.Unicode('').tag(sync=True)
    opened = traitlets.Bool(True).tag(sync=True)
    full_screen = traitlets.Bool(False).tag(sync=True)

    def __init__(self, html):
        super().__init__(throttle_ms=0)  # drawings are user actions: each goes out at once
        self.state = 'training'
        self._html = html

    def _push(self):
        self.surfaces = [{'tab': tab, 'name': name, 'html': html} for (tab, name), html in self._html.items()]


class Visor(CamelAliases):
    """tfjs-vis's visor API over a :class:`VisorPanel`. Made by :func:`visor`, which returns the
    one visor of the session.

    >>> from tfjs_lab.vis.visor import Visor
    >>> panel = Visor()
    >>> surface = panel.surface({'name': 'Loss', 'tab': 'Training'})
    >>> panel.set_active_tab('Training'); panel
    Visor(tabs=['Training'], surfaces={'Training': ['Loss']}, active_tab='Training', open=True)
    """

    def __init__(self):
        self._html = {}  # (tab, name) -> html, in order of creation
        self.widget = VisorPanel(self._html)
        self.display = None

    def __repr__(self):
        by_tab = {}
        for tab, name in self._html:
            by_tab.setdefault(tab, []).append(name)
        return (f'Visor(tabs={list(by_tab)}, surfaces={by_tab}, active_tab={self.widget.active_tab!r}, '
                f'open={self.widget.opened})')

    def _repr_mimebundle_(self, **kwargs):
        if self.display is not None:  # on screen already
            return {'text/plain': repr(self)}
        data = self.widget._repr_mimebundle_(**kwargs)
        data = data[0] if isinstance(data, tuple) else data
        data['text/plain'] = repr(self)
        return data

    def surface(self, options):
        """The surface ``{'name': ..., 'tab': ...}`` (tab 'Visor' by default), made if new;
        returns the container to pass to ``render.*``."""
        if not isinstance(options, dict) or not isinstance(options.get('name'), str):
            raise TypeError("surface options must be {'name': ..., 'tab': ...}; received "
                            f'{type(options).__name__} {options!r}')
        container = {'name': options['name'], 'tab': str(options.get('tab') or 'Visor')}
        key = (container['tab'], container['name'])
        if key not in self._html:
            self._html[key] = ''
            self.widget.active_tab = self.widget.active_tab or container['tab']
            self.widget.changed()
        return container

    def draw(self, container, figure):
        """Put ``figure`` (a render.Figure) on the surface ``container``, replacing what it held."""
        container = self.surface(container)
        self._html[container['tab'], container['name']] = figure.body
        figure.shown_in = self
        self.widget.changed()

    def set_active_tab(self, name):
        tabs = list(dict.fromkeys(tab for tab, _ in self._html))
        if name not in tabs:
            raise ValueError(f'Tab {name!r} does not exist; tabs: {tabs}')
        self.widget.active_tab = name

    def is_open(self):
        return self.widget.opened

    def open(self):
        self.widget.opened = True

    def close(self):
        self.widget.opened = False

    def toggle(self):
        self.widget.opened = not self.widget.opened

    def is_full_screen(self):
        return self.widget.full_screen

    def toggle_full_screen(self):
        self.widget.full_screen = not self.widget.full_screen

    def bind_keys(self):
        """tfjs-vis binds ` to toggle the visor; a notebook keeps its own keys."""

    def unbind_keys(self):
        """See :meth:`bind_keys`."""


_the_visor = None


def visor():
    """The session's visor, made and displayed on first call (as tfjs-vis makes its panel).

    >>> import tfjs_lab as tf
    >>> tf.vis.visor() is tf.vis.visor()
    True
    """
    global _the_visor
    if _the_visor is None:
        from .show import _show
        _the_visor = Visor()
        _the_visor.display = _show(_the_visor.widget)
    return _the_visor
