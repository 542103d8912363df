"""Tools → Check database: run ``service.check`` and show what it found; repair on request."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from srsapp.core.errors import SrsError
from srsapp.service.maintenance.check import check
from srsapp.service.reports import CheckReport
from srsapp.ui.context import AppContext
from srsapp.ui.i18n import STRINGS

STRINGS.update(
    {
        "check.title": {"en": "Check database", "ko": "데이터베이스 검사"},
        "check.run": {"en": "Check again", "ko": "다시 검사"},
        "check.repair": {"en": "Repair", "ko": "복구"},
        "check.ok": {
            "en": "No problems: {cards} cards agree with their {reviews} reviews.",
            "ko": "문제 없음: 카드 {cards}장이 복습 기록 {reviews}건과 일치합니다.",
        },
        "check.found": {"en": "{n} problem(s) found:", "ko": "문제 {n}건 발견:"},
        "check.repaired": {
            "en": "Repaired (a backup was taken first: {backup}):",
            "ko": "복구했습니다 (먼저 백업함: {backup}):",
        },
        "check.remaining": {"en": "Still wrong:", "ko": "남은 문제:"},
        "check.not_replayed": {
            "en": "{n} card(s) with imported history were not replayed.",
            "ko": "가져온 기록이 있는 카드 {n}장은 재현하지 않았습니다.",
        },
    }
)


class CheckDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.i18n = ctx.i18n
        self.report: CheckReport | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.details = QPlainTextEdit(readOnly=True)
        self.run_button = QPushButton()
        self.repair_button = QPushButton()
        self.run_button.clicked.connect(lambda: self.run_check(repair=False))
        self.repair_button.clicked.connect(lambda: self.run_check(repair=True))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.run_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.repair_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.details)
        layout.addWidget(buttons)
        self.resize(640, 420)
        self.retranslate()
        self.run_check(repair=False)

    def retranslate(self) -> None:
        tr = self.i18n.tr
        self.setWindowTitle(tr("check.title"))
        self.run_button.setText(tr("check.run"))
        self.repair_button.setText(tr("check.repair"))
        if self.report is not None:
            self._show(self.report)

    def run_check(self, *, repair: bool) -> CheckReport | None:
        col, now = self.ctx.col, self.ctx.clock()
        try:
            report = self.ctx.ops.run(lambda: check(col, repair=repair, now=now), source=self)
        except SrsError as exc:
            self.ctx.shell.show_error(exc)
            return None
        self.report = report
        self._show(report)
        return report

    def _show(self, report: CheckReport) -> None:
        tr = self.i18n.tr
        lines: list[str] = []
        if not report.problems:
            self.summary.setText(tr("check.ok", cards=report.cards_checked, reviews=report.reviews))
        else:
            self.summary.setText(tr("check.found", n=len(report.problems)))
            lines += [f"[{p.kind}] {p.message}" for p in report.problems]
        if report.repaired:
            lines += ["", tr("check.repaired", backup=report.backup or "-")]
            lines += [f"  {c}" for c in report.repairs]
            if report.remaining:
                lines += ["", tr("check.remaining")]
                lines += [f"  [{p.kind}] {p.message}" for p in report.remaining]
        if report.cards_not_replayable:
            lines += ["", tr("check.not_replayed", n=report.cards_not_replayable)]
        self.details.setPlainText("\n".join(lines))
        self.repair_button.setEnabled(bool(report.problems) and not report.repaired)
