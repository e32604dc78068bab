/** The languages the interface speaks. */
export type Language = 'en' | 'zh';

const en = {
  tagline: 'See where fashion is going — from the catalogue files you already have.',
  privacy: 'Everything runs on this computer. No byte of your data leaves it.',
  dropTitle: 'Drop a catalogue file here',
  dropHint: 'CSV, TSV, Arrow or Parquet — items with a description, and ideally dates, categories, colours, regions, units.',
  chooseFile: 'Choose a file…',
  tryDemo: 'Try the demo catalogue',
  demoCredit: 'Demo: 5,000 items sampled from “Fashion Product Images (Small)” by Param Aggarwal (Kaggle, Myntra catalogue).',
  reading: 'Reading',
  cancel: 'Cancel',
  cancelled: 'Stopped. Nothing was changed.',
  rows: 'rows',
  columns: 'Columns',
  column: 'Column',
  type: 'Type',
  role: 'Role',
  preview: 'Preview',
  problems: 'Problems',
  noProblems: 'Every row was read.',
  line: 'Line',
  reason: 'Reason',
  notes: 'Notes',
  continue: 'Continue',
  startOver: 'Open another file',
  mappingTitle: 'Check how we read your columns',
  mappingHint: 'We guessed what each column means. Change any guess that is wrong; the item text is what the model reads.',
  couldNotRead: 'We could not read this file',
  updateAvailable: 'A new version of Trendloom is ready.',
  reload: 'Reload',
  offlineReady: 'Ready to work offline.',
  language: '中文',
  showing: 'Showing',
  of: 'of',
  rowsRead: 'rows read',
  rowsWithProblems: 'rows with problems',
};

const zh: typeof en = {
  tagline: '从你已有的商品目录文件,看清时尚的走向。',
  privacy: '所有计算都在这台电脑上完成,你的数据一个字节也不会离开。',
  dropTitle: '把商品目录文件拖到这里',
  dropHint: 'CSV、TSV、Arrow 或 Parquet —— 含商品描述,最好还有日期、类别、颜色、地区、销量。',
  chooseFile: '选择文件…',
  tryDemo: '试用示例目录',
  demoCredit: '示例:从 Param Aggarwal 在 Kaggle 发布的 “Fashion Product Images (Small)”(Myntra 目录)中抽取的 5,000 件商品。',
  reading: '正在读取',
  cancel: '取消',
  cancelled: '已停止,没有任何改动。',
  rows: '行',
  columns: '列',
  column: '列名',
  type: '类型',
  role: '用途',
  preview: '预览',
  problems: '问题',
  noProblems: '所有行都已读取。',
  line: '行号',
  reason: '原因',
  notes: '说明',
  continue: '继续',
  startOver: '打开其他文件',
  mappingTitle: '确认各列的含义',
  mappingHint: '我们猜测了每一列的含义,如有错误请修改;模型读取的是商品文本列。',
  couldNotRead: '无法读取这个文件',
  updateAvailable: 'Trendloom 有新版本。',
  reload: '重新加载',
  offlineReady: '已可离线使用。',
  language: 'English',
  showing: '显示',
  of: '/',
  rowsRead: '行已读取',
  rowsWithProblems: '行有问题',
};

/** A key of the interface's text table. */
export type MessageKey = keyof typeof en;

const tables: Record<Language, typeof en> = { en, zh };

/** The interface text for key in the given language. */
export function translate(language: Language, key: MessageKey): string {
  return tables[language][key];
}

/** Formats a number for the language's locale (grouping, decimals). */
export function formatNumber(language: Language, value: number, digits = 0): string {
  return new Intl.NumberFormat(language === 'zh' ? 'zh-CN' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
}

/** Formats a byte count as KB/MB/GB. */
export function formatBytes(language: Language, bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${formatNumber(language, value, unit === 0 ? 0 : 1)} ${units[unit]}`;
}
