"""Tags on screen before they are printed: pick the tag size and dpi, then save or print.

Opens for one piece (piece detail, key l), the piece under the cursor (pieces browser, l)
or the tags receiving queued (pieces browser, L). Reading the pieces, rendering and
writing files all run in thread workers; the tags shown are the same images that are saved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL.Image import Image as PILImage
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header, Select, Static

from jeweltui.labels import LabelSize, TagData, render, tag_layout
from jeweltui.screens.workers import JobDone, run_db
from jeweltui.services import labelling

PREVIEW_LIMIT = 12  # tags drawn on screen; save and print take the whole batch
DPI_CHOICES = [("203 dpi", 203), ("300 dpi", 300)]
FORMAT_CHOICES = [("PNG per tag", "png"), ("PDF sheet", "pdf")]


@dataclass(frozen=True)
class Batch:
    """What the screen works on: the tags, and whether they came from the received queue."""

    tags: list[TagData]
    sizes: list[LabelSize]
    folder: Path  # where saved files go (setting or env, read in the worker)
    from_queue: bool = False
    missing: tuple[str, ...] = ()


def caption(tag: TagData) -> str:
    """The text line under a tag image: what the tag says, readable in any terminal."""
    parts = [tag.stock_no, tag.price_text, f"size {tag.ring_size}" if tag.ring_size else ""]
    return "  ·  ".join(part for part in parts if part)


def image_widget(image: PILImage, size: LabelSize, headless: bool) -> Widget:
    """textual-image at about one cell per millimetre; half blocks when there is no terminal."""
    try:
        from textual_image.widget import HalfcellImage, Image
    except Exception:  # no image support at all: the caption under it still says it all
        return Static("[dim](no image preview in this terminal)[/]", classes="tag-image")
    widget = (HalfcellImage if headless else Image)(image, classes="tag-image")
    widget.styles.width = min(80, round(size.width_mm))
    return widget


class LabelPreviewScreen(Screen):
    CSS_PATH = "label_preview.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("s", "save", "Save"),
        Binding("p", "print_labels", "Print"),
    ]

    @dataclass
    class Loaded(JobDone):
        batch: Batch

    @dataclass
    class Drawn(JobDone):
        images: list[PILImage]
        notes: list[str]
        size: LabelSize

    @dataclass
    class Made(JobDone):
        done: labelling.SavedLabels

    def __init__(self, stock_nos: Sequence[str] = (), *, from_queue: bool = False) -> None:
        super().__init__()
        self.stock_nos = list(stock_nos)
        self.from_queue = from_queue
        self.batch: Batch | None = None
        self.shown: list[PILImage] = []  # the images on screen, for tests and for the eye
        self.saved: list = []

    @classmethod
    def for_queue(cls) -> LabelPreviewScreen:
        return cls(from_queue=True)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="controls"):
            yield Select([("Tag sizes…", "")], allow_blank=False, value="", id="size", compact=True)
            yield Select(DPI_CHOICES, value=203, allow_blank=False, id="dpi", compact=True)
            yield Select(FORMAT_CHOICES, value="png", allow_blank=False, id="format", compact=True)
        yield Static("Reading the pieces…", id="label-status", classes="status-line")
        yield VerticalScroll(id="tags")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Labels: received queue" if self.from_queue else "Labels"
        stock_nos, from_queue = self.stock_nos, self.from_queue
        run_db(self, lambda: self.Loaded(load_batch(stock_nos, from_queue)), group="load")

    @on(Loaded)
    def loaded(self, event: Loaded) -> None:
        batch = self.batch = event.batch
        select = self.query_one("#size", Select)
        with self.prevent(Select.Changed):
            select.set_options([(s.description or s.name, s.name) for s in batch.sizes])
            select.value = batch.sizes[0].name
        self.redraw()

    # ------------------------------------------------------------ choices

    def chosen(self) -> tuple[LabelSize, int, str]:
        assert self.batch is not None
        name = self.query_one("#size", Select).value
        size = next((s for s in self.batch.sizes if s.name == name), self.batch.sizes[0])
        return size, int(self.query_one("#dpi", Select).value), self.query_one("#format").value

    @on(Select.Changed, "#size, #dpi")
    def choice_changed(self) -> None:
        if self.batch is not None:
            self.redraw()

    def redraw(self) -> None:
        assert self.batch is not None
        tags = self.batch.tags[:PREVIEW_LIMIT]
        size, dpi, _ = self.chosen()

        def draw() -> LabelPreviewScreen.Drawn:
            layouts = [tag_layout(tag, size, dpi) for tag in tags]
            notes = [n for x in layouts for n in x.notes]
            return self.Drawn([render(layout) for layout in layouts], notes, size)

        run_db(self, draw, group="draw")

    @on(Drawn)
    def show_tags(self, event: Drawn) -> None:
        assert self.batch is not None
        images, notes, size = event.images, event.notes, event.size
        self.shown = images
        box = self.query_one("#tags", VerticalScroll)
        box.remove_children()
        cards = [
            Vertical(
                image_widget(image, size, self.app.is_headless),
                Static(caption(tag), classes="tag-caption", markup=False),
                classes="tag-card",
            )
            for image, tag in zip(images, self.batch.tags, strict=False)
        ]
        hidden = len(self.batch.tags) - len(images)
        if hidden > 0:
            cards.append(Static(f"… and {hidden} more tag(s), saved and printed with these."))
        box.mount_all(cards)
        self.show_status(notes)

    def show_status(self, notes: Sequence[str] = ()) -> None:
        assert self.batch is not None
        count = len(self.batch.tags)
        if count == 0:
            text = "The label queue is empty." if self.batch.from_queue else "No pieces chosen."
        else:
            where = readable(self.batch.folder)
            text = f"{count} tag(s)  ·  s saves to {where}  ·  p prints"
        problems = [*notes, *(f"{n} is no longer in the shop." for n in self.batch.missing)]
        self.query_one("#label-status", Static).update(
            "\n".join([text, *problems[:3]]), layout=True
        )

    # ------------------------------------------------------------ actions

    def action_save(self) -> None:
        self.make_files(printing=False)

    def action_print_labels(self) -> None:
        self.make_files(printing=True)

    def make_files(self, *, printing: bool) -> None:
        if self.batch is None or not self.batch.tags:
            self.notify("No tags to make.", severity="warning")
            return
        batch = self.batch
        size, dpi, fmt = self.chosen()

        def job() -> LabelPreviewScreen.Made:
            folder = batch.folder
            if printing:
                done = labelling.print_tags(
                    batch.tags, size, dpi, fmt, folder, labelling.label_printer()
                )
            else:
                done = labelling.save_tags(batch.tags, size, dpi, fmt, folder)
            if batch.from_queue:  # made: these tags leave the received queue
                labelling.done_with_queue([t.stock_no for t in batch.tags] + list(batch.missing))
            return self.Made(done)

        run_db(self, job, group="files", exclusive=False)

    @on(Made)
    def made(self, event: Made) -> None:
        done = event.done
        self.saved = done.files
        folder = done.files[0].parent if done.files else ""
        verb = f"Sent to the printer ({done.printed})" if done.printed else "Saved"
        self.notify(f"{verb}: {len(done.files)} file(s) in {folder}", timeout=6)


def load_batch(stock_nos: Sequence[str], from_queue: bool) -> Batch:
    """Worker side: the pieces' tag data (or the queue's) and the tag sizes to offer."""
    sizes, folder = labelling.tag_sizes(), labelling.label_folder()
    if from_queue:
        queued = labelling.queued_tags()
        return Batch(queued.tags, sizes, folder, True, tuple(queued.missing))
    return Batch(labelling.tags_for(stock_nos), sizes, folder)


def readable(folder: Path) -> str:
    """The folder as a person reads it: '~/jeweltui-labels' rather than '/home/ann/…'."""
    try:
        return "~/" + str(folder.relative_to(Path.home()))
    except ValueError:
        return str(folder)
