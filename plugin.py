"""The QGIS plugin object: registers the Processing provider.

Under qgis_process ``iface`` is None, so the provider is registered in
initProcessing (called by QGIS in both cases) and iface is touched only in initGui.
The translation for QGIS's user interface language is installed when the plugin is created.
"""
import glob
import os

from qgis.core import QgsApplication, QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QTranslator
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction

from .core.paths import RESOURCES_DIR
from .ui.provider import ClusterBeltProvider

I18N_DIR = os.path.join(RESOURCES_DIR, "i18n")


def user_locale():
    """QGIS's interface language, e.g. "zh_CN".

    QGIS stores it in locale/userLocale (it writes the system locale there when the user has
    not chosen one); qgis_process and scripts may not have it, then the system locale counts.
    """
    value = QgsSettings().value("locale/userLocale", "") or ""
    return str(value) or QLocale().name()


def translation_file(locale):
    """The compiled translation for ``locale``: clusterbelt_<locale>.qm, else one for its language
    (clusterbelt_zh.qm, then the first clusterbelt_zh_*.qm), else None (English)."""
    locale = (locale or "").replace("-", "_")
    language = locale.split("_")[0]
    if not language:
        return None
    for name in (f"clusterbelt_{locale}.qm", f"clusterbelt_{language}.qm"):
        path = os.path.join(I18N_DIR, name)
        if os.path.isfile(path):
            return path
    candidates = sorted(glob.glob(os.path.join(I18N_DIR, f"clusterbelt_{language}_*.qm")))
    return candidates[0] if candidates else None


def install_translator(locale=None):
    """Install the ClusterBelt translation for ``locale`` (default: QGIS's) on the application.

    Returns the QTranslator (keep a reference, and remove it with QCoreApplication.removeTranslator
    on unload) or None when there is no translation for that language.
    """
    path = translation_file(locale or user_locale())
    if path is None:
        return None
    translator = QTranslator()
    if not translator.load(path):
        return None
    QCoreApplication.installTranslator(translator)
    return translator


# The plugin's submenu of Plugins (the plugin's name: not translated).
MENU = "&ClusterBelt"


class ClusterBeltPlugin:
    def __init__(self, iface):
        self.iface = iface
        self.provider = None
        self.sample_action = None
        self.translator = install_translator()

    def initProcessing(self):  # noqa: N802 (QGIS calls this name)
        if self.provider is None:
            self.provider = ClusterBeltProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self):  # noqa: N802
        self.initProcessing()
        icon = QIcon(os.path.join(RESOURCES_DIR, "icon.svg"))
        self.sample_action = QAction(
            icon, QCoreApplication.translate("ClusterBeltPlugin", "Load sample data"), self.iface.mainWindow()
        )
        self.sample_action.triggered.connect(self.load_sample_data)
        self.iface.addPluginToMenu(MENU, self.sample_action)

    def load_sample_data(self):
        from .ui.sample_data_menu import load_sample_data

        return load_sample_data(self.iface)

    def unload(self):
        if self.sample_action is not None:
            self.iface.removePluginMenu(MENU, self.sample_action)
            self.sample_action.deleteLater()
            self.sample_action = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        if self.translator is not None:
            QCoreApplication.removeTranslator(self.translator)
            self.translator = None
