"""The status line a background fit shows in a notebook: how far it has come, a Stop button,
and its error if it fails. Plain ipywidgets; updated from the training thread, whose comm
messages ipykernel sends through its IOPub thread."""
from .._notebook import widgets_can_show


class StatusView:
    @classmethod
    def create(cls, handle):
        """A view shown in the current cell when running in a Jupyter kernel, else None."""
        return cls(handle) if widgets_can_show() else None

    def __init__(self, handle):
        import ipywidgets
        from IPython.display import display
        self.label = ipywidgets.HTML(handle.status_html())
        self.button = ipywidgets.Button(description='Stop', tooltip='Stop training after the current batch',
                                        layout={'width': '70px'})
        self.button.on_click(lambda _: handle.stop(wait=False))
        self.box = ipywidgets.HBox([self.button, self.label])
        self.box.add_class('tfjs-lab-fit-status')
        display(self.box)

    def update(self, status_html, running):
        self.label.value = status_html
        self.button.disabled = not running
