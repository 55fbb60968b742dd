"""Whether code runs in a Jupyter kernel, for the parts that show something there (progress
bars, download links, widgets). Cheap and import-free outside a kernel: a kernel has imported
IPython long before any of these calls; elsewhere IPython is never imported here."""
import importlib.util
import sys


def kernel_shell():
    """The kernel's IPython shell, or None outside a Jupyter kernel."""
    ipython = sys.modules.get('IPython')
    shell = ipython.get_ipython() if ipython is not None else None
    return shell if getattr(shell, 'kernel', None) is not None else None


def widgets_can_show():
    """True in a Jupyter kernel that has ipywidgets installed."""
    return kernel_shell() is not None and importlib.util.find_spec('ipywidgets') is not None
