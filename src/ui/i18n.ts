import { formatBytes as formatBytesIn } from '../core/bytes.ts';
import { englishMessages, isCoreMessage, renderMessage, type CoreMessage, type MessageTemplates } from '../core/messages.ts';

/** The languages the interface speaks. */
export type Language = 'en' | 'zh';

/*
 * The interface text. Templates hold `{name}` placeholders filled by `format`/`translate`, so each
 * language can order a sentence its own way. Column names, labels and values from the user's data
 * are never translated: they are passed in as placeholder values.
 */
const en = {
  // Shell and start screen
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
  startOver: 'Open another file',
  couldNotRead: 'We could not read this file: {name}',
  updateAvailable: 'A new version of Trendloom is ready.',
  reload: 'Reload',
  offlineReady: 'Ready to work offline.',
  language: '中文',

  // Saved datasets
  savedTitle: 'On this computer',
  savedNone: 'No saved datasets yet. Datasets you open are kept here, in this browser only.',
  savedListFailed: 'Saved datasets could not be listed: {error}',
  savedReopenFailed: 'That dataset could not be reopened: {error}',
  savedLabelled: ' · labelled',
  deleteNamed: 'Delete {name}',
  delete: 'Delete',
  storageUsed: 'Storage used by Trendloom in this browser: {used} of {quota} available.',
  clearConfirm: 'Remove every saved dataset, cached label and trained head from this computer?',
  clearedAll: 'All Trendloom data was removed from this computer.',
  clearAll: 'Clear all local data',

  // Progress
  rowsCount: '{n} rows',
  rowsCount_one: '{n} row',
  unit_texts: 'texts',
  unit_items: 'items',
  unit_series: 'series',
  unit_epochs: 'epochs',
  unit_rows: 'rows',
  labellingItems: 'Labelling items',
  preparingModel: 'Preparing the model',
  checkingGpu: 'Checking for a GPU…',
  modelOn: 'Model on {backend}: {reason}',
  wasmThreadsOne: 'WebAssembly (1 thread)',
  wasmThreads: 'WebAssembly ({threads} threads)',
  labellingRate: ' · {rate} texts/s · {left} left',
  durationSeconds: '{n} s',
  durationMinutes: '{n} min',
  loadingModel: 'Loading the model…',

  // Mapping step and problems
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
  mappingTitle: 'Check how we read your columns',
  mappingHint: 'We guessed what each column means. Change any guess that is wrong; the item text is what the model reads.',
  rowsRead: '{n} rows read',
  rowsRead_one: '{n} row read',
  rowsWithProblems: '{n} rows with problems',
  rowsWithProblems_one: '{n} row with problems',
  showingOf: 'Showing {shown} of {total}',
  role_text: 'text',
  role_category: 'category',
  role_materials: 'materials',
  role_colours: 'colours',
  role_styles: 'styles',
  role_date: 'date',
  role_year: 'year',
  role_season: 'season',
  role_region: 'region',
  role_gender: 'gender',
  role_units: 'units',
  role_price: 'price',
  role_id: 'id',
  role_label: 'label',
  role_ignore: 'ignore',
  type_number: 'number',
  type_date: 'date',
  type_boolean: 'boolean',
  type_category: 'category',
  type_text: 'text',
  'type_multi-label': 'multi-label',
  type_id: 'id',

  // Dashboard controls and summary
  dashboard: 'Dashboard',
  dashboardControls: 'dashboard controls',
  dashboardViews: 'Dashboard views',
  chartName: 'Trend chart of {count} values, {from} – {to}',
  chartName_one: 'Trend chart of {count} value, {from} – {to}',
  chartSummary: 'Latest period, {period}: {list}.',
  chartForecastSummary: 'The dotted lines after “now” forecast the next {n} periods.',
  chartForecastSummary_one: 'The dotted lines after “now” forecast the next period.',
  chartEmpty: 'Trend chart with nothing to show',
  viewTrends: 'Trend explorer',
  viewMovers: 'Movers',
  viewSeasons: 'Seasonal heatmap',
  viewColours: 'Colour palette',
  viewMaterials: 'Material mix',
  viewRegions: 'Regions',
  viewItems: 'Items',
  viewModel: 'Model',
  viewPlan: 'Plan',
  planIntro: 'How many units to have next season for each group, from the units sold so far. The quantity to buy covers demand with the chance you choose, minus the stock on hand.',
  planGroupBy: 'Plan by',
  planAndBy: 'and by',
  planNoSecond: '(nothing else)',
  planSeasonLength: 'Season',
  planServiceLevel: 'Chance of not running out',
  planServiceHint: 'Higher means more units: fewer sell-outs, more left over.',
  planStock: 'Stock on hand',
  planNoStock: 'none',
  planColGroup: 'Group',
  planColLastSeason: 'Same season last year',
  planColForecast: 'Forecast',
  planColChange: 'vs last year',
  planColRange80: 'Likely range (80 %)',
  planColRange95: 'Wide range (95 %)',
  planColStock: 'In stock',
  planColPlan: 'Units to buy',
  planColFlag: 'Note',
  planTotal: 'Total',
  planSubtotal: '{value} — all',
  planFlagSlow: 'Slow mover: buy less',
  planFlagSellOut: 'Likely to sell out: consider more',
  planEdited: 'Changed by you (suggested: {n})',
  planEditLabel: 'Units to buy for {group}',
  planResetEdits: 'Undo my changes',
  planExport: 'Download plan (CSV)',
  planRunning: 'Forecasting units for each group…',
  planFailed: 'The plan could not be made: {error}',
  planNoUnits: 'A plan needs a units-sold column: mark one as "units" when mapping the file.',
  planNothing: 'No dated item with units under the current filters.',
  planReconMint: 'Totals add up: groups reconciled by MinT (each forecast weighted by how well it did in past seasons).',
  planReconBottomUp: 'Totals add up: each group keeps its own forecast and the totals are their sums (bottom-up).',
  planReconNone: 'One group: nothing to reconcile.',
  planBasis: 'Plans the next {n} period(s) after {last} (history {from} – {last}); the units to buy cover demand {level} of the time, minus stock on hand.',
  planOther: 'Other',
  planLumped: '{n} smaller groups are added together as "{other}".',
  planNotes: 'Notes from the forecast',
  facet: 'Trend of',
  grain: 'By',
  measure: 'Share of',
  measureItems: 'items',
  measureUnits: 'units sold',
  horizon: 'Forecast',
  dateFrom: 'From',
  dateTo: 'to',
  anyDate: 'any',
  periods: 'periods',
  periods_one: 'period',
  periodsCount: '{n} periods',
  periodsCount_one: '{n} period',
  all: 'All',
  basedOn: 'Based on: {file}',
  itemsCounted: '{n} items counted',
  itemsCounted_one: '{n} item counted',
  filtersList: 'filters: {list}',
  none: 'none',
  labelsBy: 'labels: Trendloom classifier on {backend} ({unique} distinct texts, {cached} from cache, {seconds} s)',
  noDates: 'This file has no date column, so there are no trends over time or forecasts. Labelling and item views still work.',
  notEnoughData: 'not enough data',
  noInterval: 'no interval',
  notEnoughDataList: 'not enough data: {list}',
  periodItems: '{n} items',
  periodItems_one: '{n} item',
  thinPeriodItems: '{n} items (fewer than {min})',
  thinPeriodItems_one: '{n} item (fewer than {min})',
  thinLatest: '{share} from {n} items (fewer than {min})',
  thinLatest_one: '{share} from {n} item (fewer than {min})',
  thinNote: '{thin} of {periods} periods have fewer than {min} items: drawn lighter, each with its count.',
  thinNote_one: '{thin} of {periods} periods has fewer than {min} items: drawn lighter, with its count.',
  thinSuggest: 'Too few items per {grain} — show by {coarser}?',
  thinNoCoarser: 'Too few items per {grain}, even by year: shares rest on few items.',
  showByCoarser: 'Show by {coarser}',
  minSupportLabel: 'Fewest items per period',
  minSupportHint: 'Periods with fewer items are shown lighter, with their count; forecasts use only the periods with enough.',
  notEnoughHistory: 'not enough history',
  forecasting: 'Forecasting…',
  forecastFailed: 'Forecasts could not be made: {error}',
  backtest: 'Backtest MASE',
  latest: 'Latest',
  change: 'Change',
  velocity: 'Velocity',
  timeToPeak: 'Peak in',
  signal: 'Signal',
  rising: 'Rising',
  declining: 'Declining',
  yoy: 'vs last year',
  value: 'Value',
  share: 'Share',
  nextSeason: 'Next period (forecast)',
  noColumn: 'This file has no column with this role. Map one in the column step to see this view.',
  selectPoint: 'Click a point on a trend curve or a cell of the heatmap to see the items behind it.',
  itemsBehind: 'Items behind',
  clearSelection: 'Show all items',
  exportReport: 'Report',
  exportCsv: 'Series CSV',
  exportPng: 'Chart PNG',
  showTable: 'Show as table',
  tableCaptionTrends: 'Share of items per period, by value (history, then forecast)',
  tableCaptionMovers: 'Rising and declining values: share per period, then the forecast',
  tableCaptionSeasons: 'Heatmap: share per value and period, with the change against a year before',
  tableCaptionSeasonsAll: 'Share per period and value, with the change against a year before',
  tableCaptionColours: 'Colour palette: share of each colour per period, and next period\'s forecast',
  tableCaptionMaterials: 'Material mix: share of each material per period',
  tableCaptionRegions: 'Region comparison: latest share, change against a year before and share per period',
  tableCaptionSeries: 'Charted series: value per period, then the forecast',
  forecastPeriod: '{period} (forecast)',
  forecastStep: 'Forecast +{n}',
  regionValue: 'Region · value',
  period: 'Period',
  grainWeek: 'week',
  grainMonth: 'month',
  grainQuarter: 'quarter',
  grainSeason: 'season',
  grainFashion: 'fashion season (SS/AW)',
  grainYear: 'year',
  heatCellTitle: '{value} · {period}: {share} (vs last year {change})',
  pointsSuffix: ' pt',
  now: 'now',
  forecastSeries: '{label} (forecast)',
  trend: 'trend',
  signal_emerging: 'emerging',
  signal_growing: 'growing',
  signal_declining: 'declining',
  signal_seasonal: 'seasonal',
  signal_steady: 'steady',
  signalForecast_falls: 'but forecast to fall',
  signalForecast_rises: 'but forecast to rise',
  signalForecastNote: 'But the forecast expects it to {direction} next period ({change} against the recent level): the label compares the recent periods with earlier ones, while the forecast also weighs the whole history and the time of year.',
  signalDirection_falls: 'fall',
  signalDirection_rises: 'rise',
  facetFromModel: '{name} (model)',
  facetFromFile: '{name} (your file)',
  facetTaught: '{name} (taught)',
  columnCertainty: '{name}: certainty',
  columnSure: '{name}: sure?',
  columnCorrection: '{name}: your correction',
  columnOodDistance: 'Distance from the items the model learnt from',
  columnFilled: '{name}: filled by the model',
  learnColumn: 'Learn this column',
  learnColumnHint: 'Teach the model your own “{column}” from the items that have one, and fill in the items without',
  learntColumn: 'Learnt “{column}” from {kept} items and filled in the {filled} items without one (marked “filled by the model” in the items view). It was right on {accuracy} % of {heldOut} items held out while learning.',
  learnColumnNothingMissing: 'Learnt “{column}” from {kept} items; every item already has one, so nothing was filled in.',
  noSwatch: 'no swatch: not a colour name we know',
  swatchFromModel: 'swatch from the model\'s colour for these items: {colour}',
  head_articleType: 'Article type',
  head_subCategory: 'Sub-category',
  head_masterCategory: 'Category',
  head_baseColour: 'Colour',
  head_usage: 'Usage',
  head_gender: 'Gender',
  head_season: 'Season',

  // Item detail
  itemNumber: 'Item {n}',
  noText: '(no text)',
  noModelLabels: 'This item has no model labels.',
  correctedTo: 'corrected to {label}',
  correctHead: 'Correct {head}',
  correctOption: 'Correct…',
  explanationHint: 'Shaded words moved the prediction most when removed (green: for the label, red: against). Corrections are kept in label_… columns; train a head on one in the Model view.',

  // Model view
  modelTitle: 'The model',
  modelDescription: 'Trendloom classifier (a small Llama-architecture model shipped with the app, {size}), heads: {heads}.',
  runningOn: 'Running on {backend} — {reason}',
  wasmWithThreads: 'WebAssembly with {threads} thread(s)',
  loadedIn: 'Loaded in {load} s, warm-up {warmup} s.',
  labelledSummary: ' Labelled {items} items ({unique} distinct texts, {cached} from the cache) in {seconds} s.',
  modelLoadsLater: 'The model loads when items are labelled.',
  teachTitle: 'Teach it your own labels',
  unsureShare: 'The model is unsure about {share} of your items ({head}) — teach it with {n} examples.',
  headColumnsStandIn: 'This head learnt from the columns {missing}, which this file does not have; it read your text columns ({using}) instead — check a few of its labels.',
  headOtherLanguage: 'This head learnt from text that was {head} % Chinese, and {file} % of this file\'s items are in Chinese: its labels here are likely poor. Train a head on this file\'s own labels.',
  downloadAllItems: 'Download all {n} items (CSV)',
  downloadAllItems_one: 'Download the {n} item (CSV)',
  downloadShownItems: 'Download these {n} items (CSV)',
  downloadShownItems_one: 'Download this {n} item (CSV)',
  unsureWhyScript: 'unsure: written in Chinese, which the model has not learnt for this',
  unsureWhyNoColour: 'unsure: the text names no colour',
  unsureWhyProbability: 'unsure: below {percent} % confidence',
  unsureNoColourWord: '{n} of your items name no colour in their text, so the model does not guess their {head} with confidence — map a colour column if your file has one.',
  unsureScriptHan: '{n} of your items are written in Chinese. The model has not learnt real Chinese product titles, so it always marks their {head} unsure — teach it with examples, or use a column of your own.',
  unsureShareNone: 'The model is sure about every labelled item ({head}).',
  unsureShareTaught: 'The model is still unsure about {share} of your items ({head}) after the {taught} examples you taught — teach it more.',
  teachModel: 'Teach the model',
  includeUnsure: 'Count unsure labels in the trends',
  sureOnlyNote: 'Trends count sure labels only: {unsure} unsure items left out.',
  unsureColumn: 'Unsure',
  unsureMark: 'unsure',
  unsureOnly: 'Unsure only',
  unsureOnlyCount: '{n} unsure items',
  unsureOnlyCount_one: '{n} unsure item',
  teachPanelTitle: 'Teach the model: {head}',
  teachPanelHint: 'These items are the most worth teaching: the model is unsure about them and each stands for many similar items. Pick a label from the list or type your own words; leave a box empty to skip an item.',
  teachGuess: 'model’s guess: {label} ({p})',
  teachSubmit: 'Teach these {n}',
  teachUndo: 'Undo the last batch ({n} items)',
  teachUndo_one: 'Undo the last batch ({n} item)',
  teachClose: 'Done',
  teachFinding: 'Finding the items most worth teaching…',
  teachWorking: 'Teaching: {stage} {done} / {total}',
  teachTaught: 'Taught so far: {n} items in {batches} batches.',
  teachHeldOut: 'Held-out estimate: {accuracy} right ({correct} of the {checked} items you taught, each guessed by a head trained without it).',
  teachHeldOutNone: 'Teach at least two different labels to get a held-out estimate.',
  teachNoHead: 'No head trained yet: {reason}',
  teachNoColumn: 'The column "{column}" with the model’s labels is missing; label the items with the model first.',
  teachNothing: 'Pick or type a label for at least one item.',
  teachAllDone: 'Nothing left to teach: every item with text has been taught.',
  reportUnsure: 'The model was unsure about {share} of the items ({head}: {unsure} of {labelled}); {counted}.',
  reportSureOnly: 'trends count sure labels only',
  reportWithUnsure: 'trends include unsure labels',
  teachHint: 'Pick a column holding your labels. A head is trained on the rows that have one (15% held back to check it), then fills the rows that do not. Everything runs on this computer.',
  labelColumn: 'Label column',
  separator: 'Separator',
  useEmbedding: "use the model's understanding of the text (embedding)",
  trainHead: 'Train head',
  embedStage: 'Reading texts with the model',
  trainStage: 'Training',
  headProgress: '{stage}: {done} / {total} {unit} {message}',
  validationOn: 'Validation on {count} held-out rows of “{column}”',
  precision: 'precision',
  recall: 'recall',
  f1: 'F1',
  accuracy: 'accuracy',
  micro: 'micro',
  macro: 'macro',
  fillColumn: 'Fill ft_{column} for every row',
  exportHead: 'Export head (JSON)',
  savedHeads: 'Saved heads',
  noneYet: 'None yet.',
  savedHeadLine: '{column} · {count} labels · validation accuracy {accuracy}',
  applyToFile: 'apply to this file',
  importHead: 'Import a head (JSON)',
  importedHead: 'Imported the head for “{column}”.',
  addedColumn: 'Added the column ft_{column} (with ft_prob_{column}); pick it as "{facet}" to see its trends.',
  confusionCaption: 'Confusion on the held-out rows: rows are the true labels, columns the predicted ones.',

  // Report and export
  reportTitle: 'Trend report — {period}',
  reportFile: 'File: {file} ({rows} rows, {counted} counted)',
  reportPeriods: 'Periods: {from} – {to} by {grain}; shares of {measure}; a share needs {min}+ items in its period',
  reportFilters: 'Filters: {list}',
  reportLocal: 'Computed on this computer by Trendloom; no data left it.',
  reportNextSeason: 'Next season',
  reportPlanCovers: 'The next {n} period(s) after {last}, by {columns}; units to buy cover demand {level} of the time, minus stock on hand.',
  reportPlanEdited: '{n} quantities were changed by hand (marked ✎).',
  reportPlanRunning: 'The plan for next season is being computed…',
  reportRisingGroups: 'Rising groups',
  reportFallingGroups: 'Falling groups',
  reportPlanTable: 'Plan',
  reportRegional: 'Regional differences',
  regionMore: '{value} is {lift}× as popular in {region} as elsewhere{trend}.',
  regionLess: '{value} is less popular in {region}: its share there is {lift}× its share elsewhere{trend}.',
  regionWidening: ', and the gap is widening',
  regionClosing: ', and the gap is closing',
  regionSmall: '{region} has only {n} items: too few to compare, so it is not ranked.',
  regionNoneReal: 'No difference between regions is beyond chance.',
  allRegions: 'All regions',
  reportAccuracy: 'Forecasts of "{facet}" come from a backtested ensemble; its mean backtest MASE over the charted values is {mase} (below 1 beats repeating last year\'s value).',
  printPdf: 'Print / PDF',
  markdown: 'Markdown',
  nothingMoved: 'Not enough history, or nothing moved.',
  reportQuiet: '{facet} — not enough history, or nothing moved, in these regions: {scopes}.',
  reportQuiet_one: '{facet} — not enough history, or nothing moved, in this region: {scopes}.',
  closeReport: 'Close the report (Esc)',
  noChartInView: 'There is no chart in this view.',
  noChartToExport: 'There is no chart to export in this view.',
  chartNotDrawn: 'The chart could not be drawn.',

  // Series files
  forecastStopped: 'Forecasting was stopped.',
  findSeries: 'Find series',
  findSeriesExample: 'e.g. eu_female',
  forecastsCsv: 'Forecasts CSV',
  seriesBasedOn: 'Based on: {file} · {count} series ({layout} layout) · {from} – {to} · {frequency} · forecasts by a backtested ensemble',
  meanMase: ' · mean backtest MASE {mase}',
  forecastingSeries: 'Forecasting {done} / {total} series…',
  chartColumn: 'Chart',
  seriesColumn: 'Series',
  nextColumn: 'Next',
  chartSeries: 'Chart {name}',
  layout_wide: 'wide',
  layout_long: 'long',
  horizon_day: 'days',
  horizon_week: 'weeks',
  horizon_month: 'months',
  horizon_quarter: 'quarters',
  'horizon_half-year': 'half-years',
  horizon_year: 'years',
  frequency_day: 'daily',
  frequency_week: 'weekly',
  frequency_month: 'monthly',
  frequency_quarter: 'quarterly',
  'frequency_half-year': 'half-yearly',
  frequency_year: 'yearly',

  // Messages from the state layer
  noTextColumn: 'No column is mapped as item text, so items were not labelled by the model. Map a description or name column as "text" to get model labels.',
  labellingCancelled: "Stopped. Nothing was changed. The dashboard shows the file's own columns without model labels.",
  labellingFailed: "The model could not label the items ({error}). The dashboard shows the file's own columns.",
  headNeedsText: 'Map a column as item text first: the head learns from the item text.',
  headNoColumn: 'There is no column "{column}".',
  headTooFewLabels: 'Only {count} rows have a "{column}" label; label at least 20 (better a few hundred) to train a head.',
  indexedDbUnavailable: 'Local storage (IndexedDB) is not available.',
  headNoRoom: 'No room left in this browser to keep the head; export it as JSON instead.',
  headSaveFailed: 'Saving the head failed.',
  headNotJson: 'This file is not a Trendloom head (it is not JSON).',
  headNotHead: 'This JSON file is not a Trendloom head (labels, features or weights are missing).',
  storageQuota: 'The browser has no room left to keep this dataset on this computer. Remove an older saved dataset, or clear Trendloom data, and try again. Your current work is still open.',
  storageFailed: 'Saving on this computer failed: {error}',
};

const zh: typeof en = {
  // Shell and start screen
  tagline: '用你手头的商品目录文件，看清时尚的下一步走向。',
  privacy: '所有计算都在这台电脑上完成，你的数据一个字节也不会外传。',
  dropTitle: '把商品目录文件拖到这里',
  dropHint: '支持 CSV、TSV、Arrow 或 Parquet：每件商品需有描述，最好还带日期、品类、颜色、地区和销量。',
  chooseFile: '选择文件…',
  tryDemo: '试用示例目录',
  demoCredit: '示例数据：从 Param Aggarwal 在 Kaggle 发布的 “Fashion Product Images (Small)”（Myntra 商品目录）中抽取的 5,000 件商品。',
  reading: '正在读取',
  cancel: '取消',
  cancelled: '已停止，没有做任何改动。',
  startOver: '打开其他文件',
  couldNotRead: '无法读取文件：{name}',
  updateAvailable: 'Trendloom 有新版本可用。',
  reload: '立即更新',
  offlineReady: '已可离线使用。',
  language: 'English',

  // Saved datasets
  savedTitle: '本机已保存',
  savedNone: '还没有保存的数据集。你打开的数据集会保存在这里，仅存于当前浏览器。',
  savedListFailed: '无法列出已保存的数据集：{error}',
  savedReopenFailed: '无法重新打开该数据集：{error}',
  savedLabelled: ' · 已打标签',
  deleteNamed: '删除 {name}',
  delete: '删除',
  storageUsed: 'Trendloom 在此浏览器中已占用 {used}，可用空间共 {quota}。',
  clearConfirm: '确定要从这台电脑上删除所有已保存的数据集、缓存的标签和训练好的分类头吗？',
  clearedAll: '已从这台电脑上删除全部 Trendloom 数据。',
  clearAll: '清除全部本地数据',

  // Progress
  rowsCount: '{n} 行',
  rowsCount_one: '{n} 行',
  unit_texts: '条文本',
  unit_items: '件商品',
  unit_series: '个序列',
  unit_epochs: '轮',
  unit_rows: '行',
  labellingItems: '正在为商品打标签',
  preparingModel: '正在准备模型',
  checkingGpu: '正在检测 GPU…',
  modelOn: '模型运行于 {backend}：{reason}',
  wasmThreadsOne: 'WebAssembly（单线程）',
  wasmThreads: 'WebAssembly（{threads} 个线程）',
  labellingRate: ' · 每秒 {rate} 条文本 · 预计还需 {left}',
  durationSeconds: '{n} 秒',
  durationMinutes: '{n} 分钟',
  loadingModel: '正在加载模型…',

  // Mapping step and problems
  columns: '列',
  column: '列名',
  type: '数据类型',
  role: '含义',
  preview: '预览',
  problems: '问题',
  noProblems: '所有行均已读取。',
  line: '行号',
  reason: '原因',
  notes: '说明',
  continue: '继续',
  mappingTitle: '确认各列的含义',
  mappingHint: '我们已推测出每一列的含义，如有不对请直接修改。模型读取的是“商品文本”列。',
  rowsRead: '已读取 {n} 行',
  rowsRead_one: '已读取 {n} 行',
  rowsWithProblems: '{n} 行有问题',
  rowsWithProblems_one: '{n} 行有问题',
  showingOf: '显示前 {shown} 条，共 {total} 条',
  role_text: '商品文本',
  role_category: '品类',
  role_materials: '材质',
  role_colours: '颜色',
  role_styles: '风格',
  role_date: '日期',
  role_year: '年份',
  role_season: '季节',
  role_region: '地区',
  role_gender: '性别',
  role_units: '销量',
  role_price: '价格',
  role_id: '编号',
  role_label: '标签',
  role_ignore: '忽略',
  type_number: '数值',
  type_date: '日期',
  type_boolean: '是/否',
  type_category: '分类',
  type_text: '文本',
  'type_multi-label': '多标签',
  type_id: '编号',

  // Dashboard controls and summary
  dashboard: '看板',
  dashboardControls: '看板设置',
  dashboardViews: '看板视图',
  chartName: '{count} 个取值的趋势图，{from} – {to}',
  chartName_one: '{count} 个取值的趋势图，{from} – {to}',
  chartSummary: '最新一期（{period}）：{list}。',
  chartForecastSummary: '“现在”之后的虚线是对接下来 {n} 期的预测。',
  chartForecastSummary_one: '“现在”之后的虚线是对下一期的预测。',
  chartEmpty: '没有可显示内容的趋势图',
  viewTrends: '趋势浏览',
  viewMovers: '涨跌榜',
  viewSeasons: '季节热力图',
  viewColours: '色彩盘',
  viewMaterials: '材质构成',
  viewRegions: '地区对比',
  viewItems: '商品明细',
  viewModel: '模型',
  viewPlan: '下季计划',
  planIntro: '根据已售销量，估算下一季每组需要多少件。建议采购量按你选择的把握满足需求，并扣除现有库存。',
  planGroupBy: '计划维度',
  planAndBy: '再按',
  planNoSecond: '（不再细分）',
  planSeasonLength: '计划期',
  planServiceLevel: '不断货的把握',
  planServiceHint: '越高进货越多：断货更少，剩货更多。',
  planStock: '现有库存',
  planNoStock: '无',
  planColGroup: '分组',
  planColLastSeason: '去年同季',
  planColForecast: '预测销量',
  planColChange: '同比',
  planColRange80: '较可能区间（80%）',
  planColRange95: '宽区间（95%）',
  planColStock: '库存',
  planColPlan: '建议采购量',
  planColFlag: '提示',
  planTotal: '合计',
  planSubtotal: '{value} — 小计',
  planFlagSlow: '滞销风险：少进货',
  planFlagSellOut: '可能售罄：考虑多进',
  planEdited: '已手动修改（建议值：{n}）',
  planEditLabel: '{group} 的采购量',
  planResetEdits: '撤销我的修改',
  planExport: '下载计划（CSV）',
  planRunning: '正在预测各组销量…',
  planFailed: '无法生成计划：{error}',
  planNoUnits: '计划需要销量列：请在映射文件时把它标为“units”。',
  planNothing: '当前筛选下没有带日期和销量的商品。',
  planReconMint: '合计一致：各组经 MinT 协调（按过去各季的预测误差加权）。',
  planReconBottomUp: '合计一致：各组保留自身预测，合计为各组之和（自下而上）。',
  planReconNone: '只有一组：无需协调。',
  planBasis: '计划 {last} 之后的 {n} 期（历史：{from} – {last}）；建议采购量在 {level} 的情况下能满足需求，并已扣除现有库存。',
  planOther: '其他',
  planLumped: '{n} 个较小的组合并为“{other}”。',
  planNotes: '预测说明',
  facet: '趋势维度',
  grain: '周期',
  measure: '占比口径',
  measureItems: '商品数',
  measureUnits: '销量',
  horizon: '预测',
  dateFrom: '从',
  dateTo: '到',
  anyDate: '不限',
  periods: '期',
  periods_one: '期',
  periodsCount: '{n} 期',
  periodsCount_one: '{n} 期',
  all: '全部',
  basedOn: '数据依据：{file}',
  itemsCounted: '统计商品 {n} 件',
  itemsCounted_one: '统计商品 {n} 件',
  filtersList: '筛选：{list}',
  none: '无',
  labelsBy: '标签：Trendloom 分类模型，运行于 {backend}（{unique} 条不同文本，其中 {cached} 条取自缓存，用时 {seconds} 秒）',
  noDates: '这个文件没有日期列，因此无法呈现随时间变化的趋势和预测；打标签和商品明细仍可正常使用。',
  notEnoughData: '数据不足',
  noInterval: '无区间',
  notEnoughDataList: '数据不足：{list}',
  periodItems: '{n} 件商品',
  periodItems_one: '{n} 件商品',
  thinPeriodItems: '{n} 件商品（少于 {min} 件）',
  thinPeriodItems_one: '{n} 件商品（少于 {min} 件）',
  thinLatest: '{share}，仅 {n} 件商品（少于 {min} 件）',
  thinLatest_one: '{share}，仅 {n} 件商品（少于 {min} 件）',
  thinNote: '{periods} 个周期中有 {thin} 个少于 {min} 件商品：以浅色显示，并标出件数。',
  thinNote_one: '{periods} 个周期中有 {thin} 个少于 {min} 件商品：以浅色显示，并标出件数。',
  thinSuggest: '{grain}显示时商品太少——改为{coarser}显示？',
  thinNoCoarser: '{grain}显示时商品太少，即使按年也不够：占比只基于少量商品。',
  showByCoarser: '改为{coarser}显示',
  minSupportLabel: '每个周期最少商品数',
  minSupportHint: '商品数较少的周期以浅色显示并标出件数；预测只使用商品数足够的周期。',
  notEnoughHistory: '历史数据不足',
  forecasting: '正在预测…',
  forecastFailed: '无法生成预测：{error}',
  backtest: '回测 MASE',
  latest: '最新',
  change: '变化',
  velocity: '势头',
  timeToPeak: '距峰值',
  signal: '趋势判断',
  rising: '上升',
  declining: '下降',
  yoy: '同比',
  value: '取值',
  share: '占比',
  nextSeason: '下一期（预测）',
  noColumn: '这个文件里没有承担该含义的列。请回到列设置步骤指定一列，即可查看此视图。',
  selectPoint: '点击趋势曲线上的点或热力图中的格子，即可查看背后的商品。',
  itemsBehind: '对应商品',
  clearSelection: '显示全部商品',
  exportReport: '趋势报告',
  exportCsv: '导出序列 CSV',
  exportPng: '导出图表 PNG',
  showTable: '以表格查看',
  tableCaptionTrends: '各取值在每一期的商品占比（先历史，后预测）',
  tableCaptionMovers: '上升与下降的取值：每一期的占比，以及预测',
  tableCaptionSeasons: '热力图：各取值在每一期的占比，以及同比变化',
  tableCaptionSeasonsAll: '每一期各取值的占比，以及同比变化',
  tableCaptionColours: '色彩组合：各颜色在每一期的占比，以及下一期的预测',
  tableCaptionMaterials: '材质构成：各材质在每一期的占比',
  tableCaptionRegions: '地区对比：最新占比、同比变化和每一期的占比',
  tableCaptionSeries: '图中的序列：每一期的数值，以及预测',
  forecastPeriod: '{period}（预测）',
  forecastStep: '预测第 {n} 期',
  regionValue: '地区 · 取值',
  period: '周期',
  grainWeek: '按周',
  grainMonth: '按月',
  grainQuarter: '按季度',
  grainSeason: '按季节',
  grainFashion: '按时装季（春夏/秋冬）',
  grainYear: '按年',
  heatCellTitle: '{value} · {period}：{share}（同比 {change}）',
  pointsSuffix: ' 个百分点',
  now: '当前',
  forecastSeries: '{label}（预测）',
  trend: '趋势',
  signal_emerging: '新兴',
  signal_growing: '走强',
  signal_declining: '走弱',
  signal_seasonal: '季节性',
  signal_steady: '平稳',
  signalForecast_falls: '但预测将回落',
  signalForecast_rises: '但预测将回升',
  signalForecastNote: '但预测认为下一期将{direction}（相对近期水平 {change}）：标签比较的是最近几期与更早的几期，而预测还兼顾了全部历史和季节规律。',
  signalDirection_falls: '回落',
  signalDirection_rises: '回升',
  facetFromModel: '{name}（模型）',
  facetFromFile: '{name}（您的文件）',
  facetTaught: '{name}（已教学）',
  columnCertainty: '{name}：置信度',
  columnSure: '{name}：是否确定',
  columnCorrection: '{name}：您的更正',
  columnOodDistance: '与模型训练商品的差距',
  columnFilled: '{name}：由模型补全',
  learnColumn: '学习这一列',
  learnColumnHint: '用已有“{column}”的商品教模型学会您自己的分类，并补全缺少的商品',
  learntColumn: '已从 {kept} 件商品学会“{column}”，并补全了缺少的 {filled} 件（在商品明细中标为“由模型补全”）。学习时留出的 {heldOut} 件商品中，它答对了 {accuracy}%。',
  learnColumnNothingMissing: '已从 {kept} 件商品学会“{column}”；每件商品都已有值，无需补全。',
  noSwatch: '无色块：不认识这个颜色名称',
  swatchFromModel: '色块取自模型对这些商品判断的颜色：{colour}',
  head_articleType: '款式类型',
  head_subCategory: '子类别',
  head_masterCategory: '大类',
  head_baseColour: '颜色',
  head_usage: '用途',
  head_gender: '性别',
  head_season: '季节',

  // Item detail
  itemNumber: '第 {n} 件商品',
  noText: '（无文本）',
  noModelLabels: '这件商品没有模型标签。',
  correctedTo: '已更正为 {label}',
  correctHead: '更正 {head}',
  correctOption: '更正为…',
  explanationHint: '带底色的词在去掉后对预测影响最大（绿色：支持该标签，红色：反对）。更正会保存在 label_… 列中，可在“模型”视图里用它训练分类头。',

  // Model view
  modelTitle: '模型',
  modelDescription: 'Trendloom 分类模型（随应用附带的小型 Llama 架构模型，{size}），分类头：{heads}。',
  runningOn: '运行于 {backend}：{reason}',
  wasmWithThreads: 'WebAssembly（{threads} 个线程）',
  loadedIn: '加载用时 {load} 秒，预热 {warmup} 秒。',
  labelledSummary: '已为 {items} 件商品打标签（{unique} 条不同文本，其中 {cached} 条取自缓存），用时 {seconds} 秒。',
  modelLoadsLater: '为商品打标签时才会加载模型。',
  teachTitle: '用你自己的标签训练',
  unsureShare: '模型对你 {share} 的商品（{head}）没有把握——教它 {n} 个例子吧。',
  headColumnsStandIn: '这个模型头学习时读的是 {missing} 列，这个文件里没有；它改读了你的文字列（{using}）——请检查几条它给的标签。',
  headOtherLanguage: '这个模型头学习的文字中有 {head} % 是中文，而这个文件有 {file} % 的商品是中文：它在这里的标签很可能不准。请用这个文件自己的标签训练一个模型头。',
  downloadAllItems: '下载全部 {n} 件商品（CSV）',
  downloadAllItems_one: '下载全部 {n} 件商品（CSV）',
  downloadShownItems: '下载这 {n} 件商品（CSV）',
  downloadShownItems_one: '下载这 {n} 件商品（CSV）',
  unsureWhyScript: '没有把握：用中文写的，模型还没学过这一项的中文',
  unsureWhyNoColour: '没有把握：文字里没有写颜色',
  unsureWhyProbability: '没有把握：置信度低于 {percent} %',
  unsureNoColourWord: '你有 {n} 件商品的文字里没有写颜色，所以模型不会有把握地猜它们的{head}——如果文件里有颜色列，请映射它。',
  unsureScriptHan: '你有 {n} 件商品是用中文写的。模型还没有学过真实的中文商品标题，所以它们的{head}一律标为没有把握——教它一些例子，或使用你自己的列。',
  unsureShareNone: '模型对每件已标注商品（{head}）都有把握。',
  unsureShareTaught: '在你教了 {taught} 个例子之后，模型仍对你 {share} 的商品（{head}）没有把握——再多教一些吧。',
  teachModel: '教模型',
  includeUnsure: '趋势中也计入没把握的标签',
  sureOnlyNote: '趋势只计入有把握的标签：已略去 {unsure} 件没把握的商品。',
  unsureColumn: '没把握',
  unsureMark: '没把握',
  unsureOnly: '只看没把握的',
  unsureOnlyCount: '{n} 件没把握的商品',
  unsureOnlyCount_one: '{n} 件没把握的商品',
  teachPanelTitle: '教模型：{head}',
  teachPanelHint: '这些商品最值得教：模型对它们没有把握，而且每一件都代表许多相似的商品。从列表中选择标签，或输入你自己的词；留空即跳过该商品。',
  teachGuess: '模型猜测：{label}（{p}）',
  teachSubmit: '教这 {n} 件',
  teachUndo: '撤销上一批（{n} 件）',
  teachUndo_one: '撤销上一批（{n} 件）',
  teachClose: '完成',
  teachFinding: '正在寻找最值得教的商品…',
  teachWorking: '教学中：{stage} {done} / {total}',
  teachTaught: '已教 {n} 件商品，共 {batches} 批。',
  teachHeldOut: '留出估计：{accuracy} 正确（你教的 {checked} 件中有 {correct} 件，每件都由没见过它的分类头来猜）。',
  teachHeldOutNone: '至少教两个不同的标签，才能得到留出估计。',
  teachNoHead: '尚未训练分类头：{reason}',
  teachNoColumn: '缺少存放模型标签的列"{column}"；请先用模型标注商品。',
  teachNothing: '请至少为一件商品选择或输入标签。',
  teachAllDone: '没有可教的了：每件有文字的商品都已教过。',
  reportUnsure: '模型对 {share} 的商品没有把握（{head}：{labelled} 件中的 {unsure} 件）；{counted}。',
  reportSureOnly: '趋势只计入有把握的标签',
  reportWithUnsure: '趋势计入了没把握的标签',
  teachHint: '选择存放你自有标签的列。系统会用已有标签的行训练一个分类头（留出 15% 用于检验），再为没有标签的行补上标签。全部计算都在这台电脑上完成。',
  labelColumn: '标签列',
  separator: '分隔符',
  useEmbedding: '利用模型对文本的理解（嵌入向量）',
  trainHead: '训练分类头',
  embedStage: '模型正在读取文本',
  trainStage: '正在训练',
  headProgress: '{stage}：{done} / {total} {unit} {message}',
  validationOn: '在“{column}”留出的 {count} 行上验证',
  precision: '精确率',
  recall: '召回率',
  f1: 'F1',
  accuracy: '准确率',
  micro: '微平均',
  macro: '宏平均',
  fillColumn: '为每一行填充 ft_{column}',
  exportHead: '导出分类头（JSON）',
  savedHeads: '已保存的分类头',
  noneYet: '暂无。',
  savedHeadLine: '{column} · {count} 个标签 · 验证准确率 {accuracy}',
  applyToFile: '应用到此文件',
  importHead: '导入分类头（JSON）',
  importedHead: '已导入“{column}”的分类头。',
  addedColumn: '已添加列 ft_{column}（及 ft_prob_{column}）；在“{facet}”中选择它即可查看其趋势。',
  confusionCaption: '留出行上的混淆矩阵：行为真实标签，列为预测标签。',

  // Report and export
  reportTitle: '趋势报告 — {period}',
  reportFile: '文件：{file}（共 {rows} 行，参与统计 {counted} 行）',
  reportPeriods: '周期：{from} – {to}，{grain}；占比口径：{measure}；某一期至少有 {min} 件商品才计算占比',
  reportFilters: '筛选：{list}',
  reportLocal: '由 Trendloom 在这台电脑上计算，数据从未离开本机。',
  reportNextSeason: '下一季',
  reportPlanCovers: '{last} 之后的 {n} 期，按 {columns}；建议采购量在 {level} 的情况下能满足需求，并已扣除现有库存。',
  reportPlanEdited: '{n} 个采购量经手动修改（标 ✎）。',
  reportPlanRunning: '正在计算下一季计划…',
  reportRisingGroups: '上升的组',
  reportFallingGroups: '下降的组',
  reportPlanTable: '计划',
  reportRegional: '地区差异',
  regionMore: '{value} 在 {region} 的受欢迎程度是其他地区的 {lift} 倍{trend}。',
  regionLess: '{value} 在 {region} 较不受欢迎：其占比为其他地区的 {lift} 倍{trend}。',
  regionWidening: '，且差距在扩大',
  regionClosing: '，且差距在缩小',
  regionSmall: '{region} 只有 {n} 件商品：太少，无法比较，因此不参与排名。',
  regionNoneReal: '各地区之间没有超出偶然范围的差异。',
  allRegions: '全部地区',
  reportAccuracy: '“{facet}”的预测来自经过回测的集成模型；图中各取值的平均回测 MASE 为 {mase}（低于 1 即优于直接沿用去年同期的值）。',
  printPdf: '打印 / 存为 PDF',
  markdown: 'Markdown',
  nothingMoved: '历史数据不足，或没有明显变化。',
  reportQuiet: '{facet}——以下地区历史数据不足，或没有明显变化：{scopes}。',
  reportQuiet_one: '{facet}——以下地区历史数据不足，或没有明显变化：{scopes}。',
  closeReport: '关闭报告（Esc）',
  noChartInView: '当前视图中没有图表。',
  noChartToExport: '当前视图中没有可导出的图表。',
  chartNotDrawn: '无法绘制该图表。',

  // Series files
  forecastStopped: '预测已停止。',
  findSeries: '查找序列',
  findSeriesExample: '例如 eu_female',
  forecastsCsv: '导出预测 CSV',
  seriesBasedOn: '数据依据：{file} · {count} 个序列（{layout}）· {from} – {to} · {frequency} · 预测来自经过回测的集成模型',
  meanMase: ' · 平均回测 MASE {mase}',
  forecastingSeries: '正在预测第 {done} / {total} 个序列…',
  chartColumn: '绘图',
  seriesColumn: '序列',
  nextColumn: '下一期',
  chartSeries: '绘制 {name}',
  layout_wide: '宽表格式',
  layout_long: '长表格式',
  horizon_day: '天',
  horizon_week: '周',
  horizon_month: '个月',
  horizon_quarter: '个季度',
  'horizon_half-year': '个半年',
  horizon_year: '年',
  frequency_day: '按日',
  frequency_week: '按周',
  frequency_month: '按月',
  frequency_quarter: '按季度',
  'frequency_half-year': '按半年',
  frequency_year: '按年',

  // Messages from the state layer
  noTextColumn: '没有任何列被设为“商品文本”，因此模型没有为商品打标签。把描述列或名称列设为“商品文本”，即可获得模型标签。',
  labellingCancelled: '已停止，没有做任何改动。看板仅显示文件自带的列，不含模型标签。',
  labellingFailed: '模型未能为商品打标签（{error}）。看板仅显示文件自带的列。',
  headNeedsText: '请先把一列设为“商品文本”：分类头是从商品文本中学习的。',
  headNoColumn: '没有名为“{column}”的列。',
  headTooFewLabels: '只有 {count} 行带有“{column}”标签；至少需要 20 行（最好几百行）才能训练分类头。',
  indexedDbUnavailable: '本地存储（IndexedDB）不可用。',
  headNoRoom: '此浏览器已没有空间保存该分类头，请改为导出 JSON 文件。',
  headSaveFailed: '保存分类头失败。',
  headNotJson: '这个文件不是 Trendloom 分类头（不是 JSON 格式）。',
  headNotHead: '这个 JSON 文件不是 Trendloom 分类头（缺少标签、特征或权重）。',
  storageQuota: '浏览器已没有空间把这个数据集保存在本机。请删除较早保存的数据集，或清除 Trendloom 数据后重试。你当前的工作仍然打开着。',
  storageFailed: '在本机保存失败：{error}',
};

/** A key of the interface's text table. */
export type MessageKey = keyof typeof en;

/** Values for a template's `{name}` placeholders. */
export type MessageValues = Record<string, string | number>;

const tables: Record<Language, typeof en> = { en, zh };

/** The text tables, for tests. */
export const messageTables: Readonly<Record<Language, Readonly<Record<MessageKey, string>>>> = tables;

/** Fills `{name}` placeholders in a template; unknown placeholders are left as they are. */
export function format(template: string, values: MessageValues = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/**
 * Splits a template around its placeholders so rich values (elements) can be put in place:
 * `formatParts('{n} rows read', { n: <span/> })` → `[<span/>, ' rows read']`.
 */
export function formatParts<T>(template: string, values: Record<string, T | string | number>): (T | string)[] {
  const parts: (T | string)[] = [];
  let last = 0;
  for (const match of template.matchAll(/\{(\w+)\}/g)) {
    const name = match[1]!;
    if (!(name in values)) continue;
    if (match.index > last) parts.push(template.slice(last, match.index));
    const value = values[name]!;
    parts.push(typeof value === 'number' ? String(value) : value);
    last = match.index + match[0].length;
  }
  if (last < template.length) parts.push(template.slice(last));
  return parts;
}

/**
 * The key to use for a count: `<key>_one` where the language says "one" for it (English: 1 period,
 * 2 periods) and the table has that form, else the key itself (Chinese has one form for all counts).
 */
export function pluralKey(language: Language, key: MessageKey, count: number): MessageKey {
  const one = `${key}_one`;
  if (!(one in tables[language])) return key;
  return new Intl.PluralRules(localeOf(language)).select(count) === 'one' ? (one as MessageKey) : key;
}

/** The interface text for a count: the plural form the count needs, placeholders filled from values. */
export function translateCount(language: Language, key: MessageKey, count: number, values?: MessageValues): string {
  return translate(language, pluralKey(language, key, count), values);
}

/** The interface text for key in the given language, with placeholders filled from values. */
export function translate(language: Language, key: MessageKey, values?: MessageValues): string {
  const text = tables[language][key];
  return values ? format(text, values) : text;
}

/** How the core's messages (intake problems, file errors, forecast reasons) read in Chinese; English is the core's own table. */
const zhCoreMessages: MessageTemplates = {
  'file.empty': '这个文件是空的，没有可读取的内容。请确认导出已经完成，然后再试一次。',
  'file.picture': '这个文件是一张图片，不是表格（尽管它名为“{name}”）。Trendloom 读取 CSV、Arrow 或 Parquet 格式的商品目录。',
  'file.excel-workbook': '这是一个 Excel 工作簿（zip 文件），不是 CSV。请用 Excel、Numbers 或 Google 表格打开它，导出为 CSV（文件 → 另存为 / 下载 → CSV），再把 CSV 拖到这里。',
  'file.numbers': '这是一个 Numbers 表格（zip 文件），不是 CSV。请用 Excel、Numbers 或 Google 表格打开它，导出为 CSV（文件 → 另存为 / 下载 → CSV），再把 CSV 拖到这里。',
  'file.excel-xls': '这是一个 Excel（.xls）文件，不是 CSV。请用 Excel、Numbers 或 Google 表格打开它，导出为 CSV（文件 → 另存为 / 下载 → CSV），再把 CSV 拖到这里。',
  'file.zip': '这是一个 zip 压缩包：请先解压，再把里面的 CSV（或从 Excel 导出的 CSV）拖到这里。',
  'file.pdf': '这是一个 PDF 文档，不是表格。请在生成它的程序中把商品目录导出为 CSV。',
  'file.gzip': '这个文件经过压缩（gzip）。请先解压，再把里面的 CSV 拖到这里。',
  'file.binary': '这个文件不包含文本：它看起来是程序或媒体文件，不是表格。Trendloom 读取 CSV、Arrow 或 Parquet 格式的商品目录。',
  'file.blank': '这个文件没有数据行：里面只有空行或空格。',
  'file.too-many-columns': '这个文件有 {columns} 列；Trendloom 最多读取 {max} 列。商品目录每一列是一种信息（名称、颜色、价格……），这么宽的文件可能是把表格横过来了，或者不是商品目录。请只保留需要的列（或把表格转过来，让每件商品占一行），保存后再试。',
  'file.header-only': '这个文件有列名（{columns}），但下面没有数据行。请重新导出包含数据行的商品目录。',
  'file.columns-no-rows': '这个文件有列（{columns}），但没有数据行。',
  'file.no-text-column': '这个文件没有用文字描述商品的列（例如商品名称或描述），所以 Trendloom 无法为商品打标签。找到的列：{columns}。请添加一列商品名称或描述后再试。',
  'file.arrow-file-unreadable': '无法读取这个 Arrow 文件（{error}）。它可能不完整或已损坏，请重新导出。',
  'file.arrow-stream-unreadable': '无法读取这个 Arrow 数据流（{error}）。它可能不完整或已损坏，请重新导出。',
  'file.parquet-codec': '这个 Parquet 文件使用 {codec} 压缩，Trendloom 暂时无法读取。请改用 Snappy 压缩（通常的默认设置）导出，或导出为 CSV。',
  'file.cut-short': '读取时文件被截断（{read} / {size}）。',
  'file.parquet-unreadable': '无法读取这个 Parquet 文件（{error}）。它可能不完整或已损坏，请重新导出或导出为 CSV。',
  'row.unclosed-quote': '这一行有一个引号（"）始终没有闭合，所以这一行以及文件余下的部分（{lines} 行）无法拆分成单元格，已被略过。请检查这一行是否有多余的引号。',
  'row.too-few-values': '这一行有 {count} 个值，但文件有 {columns} 列，已被略过。（缺少{delimiter}或未加引号的单元格中有换行，都可能导致这种情况。）',
  'row.too-many-values': '这一行有 {count} 个值，但文件有 {columns} 列，已被略过。（单元格中含有{delimiter}时，需要用引号把单元格括起来。）',
  'delimiter.comma': '逗号',
  'delimiter.semicolon': '分号',
  'delimiter.tab': '制表符',
  'delimiter.pipe': '竖线（|）',
  'problem.cell-emptied': '{reason}；该单元格留空（保留这一行）。',
  'problem.row-undated': '{reason}；这一行没有日期（保留这一行）。',
  'cell.not-a-date': '{cell} 不是可识别的日期',
  'cell.impossible-date': '{cell} 不是真实存在的日期：{why}',
  'cell.timestamp-range': '{cell} 超出了可读取的时间戳范围（2000 至 2100 年）',
  'cell.excel-range': '{cell} 超出了可读取的 Excel 日期范围（1970 至 2100 年）',
  'cell.no-year': '{cell} 没有年份',
  'cell.not-a-year': '{cell} 不是年份',
  'cell.implausible-year': '{cell} 不是合理的年份',
  'cell.unknown-season': '{cell} 不是已知的季节（春、夏、秋、冬、SS、AW）',
  'cell.not-yes-no': '{cell} 不是“是”或“否”',
  'cell.not-a-number': '{cell} 不是数字',
  'cell.number-too-large': '{cell} 这个数字太大，无法计算',
  'problem.not-utf-8': '{cell} 含有 {n} 个不是 UTF-8 文本的字节（{bytes}），已显示为 �（该行保留）。',
  'cell.number-style': '{cell} 不符合这一列的数字写法（这一列用 {decimal} 作小数点）',
  'why.no-month': '没有 {month} 月',
  'why.no-month-dmy': '没有 {month} 月（这一列按“日/月”读取日期）',
  'why.no-month-mdy': '没有 {month} 月（这一列按“月/日”读取日期）',
  'why.short-month': '{year} 年 {month} 月只有 {days} 天',
  'why.no-time': '一天中没有这个时间',
  'why.day-zero': '没有 0 日',
  'why.implausible-year': '{year} 不是合理的年份',
  'why.no-quarter': '没有第 {quarter} 季度',
  'backend.wasm-requested': '已指定使用 WebAssembly。',
  'backend.webgpu-requested-missing': '已指定使用 WebGPU，但这个浏览器不支持 WebGPU。',
  'backend.no-webgpu': '这个浏览器不支持 WebGPU。',
  'backend.no-adapter': '没有可用的 GPU 适配器。',
  'backend.webgpu-requested': '已指定使用 WebGPU（{adapter}）。',
  'backend.webgpu-requested-software': '已指定使用 WebGPU（软件适配器）。',
  'backend.software-adapter': '唯一的 GPU 适配器是软件模拟的（{adapter}），WebAssembly 更快。',
  'backend.gpu-found': '找到 GPU：{adapter}。',
  'backend.webgpu-failed': 'WebGPU 无法运行模型（{error}），改用 WebAssembly。',
  'backend.unknown-gpu': '未知 GPU',
  'note.not-utf-8': '这个文件不是 UTF-8 编码，已按 Windows-1252（西欧）编码读取，这是 Windows 版 Excel 的写法。如果文字显示不对，请选择其他编码。',
  'note.not-utf-8-cells': '这个文件按 UTF-8 读取，但有 {n} 个单元格含有不是 UTF-8 文本的字节；这些字节显示为 �，并连同行号列在问题中。如果那里的文字显示不对，请选择文件保存时使用的编码（例如 Windows-1252）。',
  'note.utf-16le': '这个文件是 UTF-16（小端）编码，已转换为 UTF-8。',
  'note.utf-16be': '这个文件是 UTF-16（大端）编码，已转换为 UTF-8。',
  'note.delimiter': '字段之间用{delimiter}分隔。',
  'note.no-header': '第一行看起来是数据而不是列名，所以各列命名为“column 1”“column 2”……',
  'note.row-cap': '这个文件很大：只载入了前 {rows} 行（已读取 {read}），其余部分没有读取，以保持浏览器流畅。请拆分文件来处理其余部分。',
  'note.row-cap-of': '这个文件很大：只载入了前 {rows} 行（已读取 {read}，共 {size}），其余部分没有读取，以保持浏览器流畅。请拆分文件来处理其余部分。',
  'note.problems-listed': '共发现 {count} 个问题，下面列出前 {listed} 个。',
  'note.blank-names': '表头中有 {n} 列没有名称，已命名为“column N”。',
  'note.column': '“{column}”列：{note}',
  'note.column-empty': '在查看的行中，这一列是空的。',
  'note.date-mixed-order': '这一列中有些日期只能按“日/月”理解，另一些只能按“月/日”理解；我们按{order}读取（较多的一组），其余的作为问题列出。',
  'note.date-ambiguous': '像 {example} 这样的日期既可能是 {second} 月 {first} 日，也可能是 {first} 月 {second} 日；这一列没有大于 12 的日来确定，所以我们按{order}读取。如果不对，请在列映射步骤中更改。',
  'note.excel-serial': '像 {example} 这样的数字按 Excel 日期序号读取（{example} 即 {iso}）。',
  'note.unix-seconds': '像 {example} 这样的数字按以秒计的 Unix 时间戳读取（{example} 即 UTC {when}）。',
  'note.unix-milliseconds': '像 {example} 这样的数字按以毫秒计的 Unix 时间戳读取（{example} 即 UTC {when}）。',
  'note.mixed-granularity': '这一列中的大多数日期精确到{granularity}；{others}（都放在一个有代表性的日子上）。',
  'note.granularity-count': '{n} 个只精确到{granularity}',
  'note.decimal-comma-mostly': '这一列的大多数数字用“,”作小数点，但有 {n} 个用“.”；我们把“,”读作小数点。',
  'note.decimal-point-mostly': '这一列的大多数数字用“.”作小数点，但有 {n} 个用“,”；我们把“.”读作小数点。',
  'note.thousands-ambiguous': '像“{example}”这样的数字中，“.”或“,”都可能是千位分隔符；我们把“.”读作小数点，“,”读作千位分隔符。',
  'note.multi-label': '这一列的单元格含有用 {separator} 分隔的多个标签，已拆分为列表。',
  'note.southern-seasons': '季节名称按南半球读取（夏季为 12 月至 2 月）。',
  'note.no-text-column': '我们没有找到描述商品的列（名称或描述）。请在列映射步骤中选择一列；没有它就无法为商品打标签。',
  'note.no-words': '没有用文字描述商品的列，所以无法为商品打标签；数值序列仍然可以绘制成图表。',
  'note.no-date': '这个文件中没有日期（没有日期列，也没有年份加季节），所以不会有随时间变化的趋势和预测。为商品打标签仍然可用。',
  'note.rows-left-out': '{records} 行中有 {rejected} 行无法读取，已被略过；每一行都连同行号列在“问题”中。',
  'note.derived-date-season': '没有日期列，所以日期由“{year}”和“{season}”生成：每一行放在其季节的中间（{hemisphere}），例如 2012 年夏季 → 2012 年 7 月 15 日。',
  'note.derived-date-year': '没有日期列，所以日期仅由“{year}”生成（每年的 1 月 1 日）。',
  'order.dmy': '“日/月”',
  'order.mdy': '“月/日”',
  'hemisphere.north': '北半球',
  'hemisphere.south': '南半球',
  'list.more': '{head}，另有{tail}',
  'note.repeated-dates': '{n} 个重复的日期已按平均值合并。',
  'note.off-grid': '{n} 个日期不在按{frequency}排列的网格上，已移到最近的{frequency}。',
  'note.grid-missing': '有 {n} 个{frequency}没有数据行，按缺失值处理。',
  'note.repeated-rows': '{n} 个重复的（日期，序列）行已按平均值合并。',
  'unit.day': '日',
  'unit.week': '周',
  'unit.month': '月',
  'unit.quarter': '季度',
  'unit.half-year': '半年',
  'unit.season': '季节',
  'unit.year': '年',
  'forecast.bad-horizon': '预测期数必须是 1 到 10000 之间的整数（实际为 {horizon}）。',
  'forecast.no-dated-rows': '没有带日期的行，无法预测。',
  'forecast.no-numbers': '{name} 没有可用于预测的数字。',
  'signal.not-enough-history': '历史数据不足：只有 {n} 期，至少需要 {needed} 期才能判断走向。',
};

/** The core's message templates per language. */
export const coreMessageTables: Readonly<Record<Language, MessageTemplates>> = { en: englishMessages, zh: zhCoreMessages };

/** A core message (intake problem, file error, forecast reason) in the language; `fallback` (the English text) when there is none. */
export function coreText(language: Language, message: CoreMessage | undefined, fallback = ''): string {
  return message && isCoreMessage(message) ? renderMessage(coreMessageTables[language], message) : fallback;
}

/** True when key is in the text table (for keys built from data, such as roles). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

/** The text for `prefix + value` when the table has it, else the value itself (e.g. a role or signal). */
export function translateTerm(language: Language, prefix: string, value: string): string {
  const key = `${prefix}${value}`;
  return isMessageKey(key) ? translate(language, key) : value;
}

/** The BCP 47 locale used to format numbers and dates for the language. */
export function localeOf(language: Language): string {
  return language === 'zh' ? 'zh-CN' : 'en-GB';
}

/** Formats a number for the language's locale (grouping, decimals). */
export function formatNumber(language: Language, value: number, digits = 0): string {
  return new Intl.NumberFormat(localeOf(language), { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
}

/** Formats a byte count as B/KB/MB/GB with the language's number format. */
export function formatBytes(language: Language, bytes: number): string {
  return formatBytesIn(bytes, (value, digits) => formatNumber(language, value, digits));
}

/** Formats a moment (ms since 1970) as a date and time in the language's locale. */
export function formatDateTime(language: Language, time: number): string {
  return new Date(time).toLocaleString(localeOf(language));
}

/** Formats a remaining time: whole seconds under a minute, else whole minutes. */
export function formatDuration(language: Language, seconds: number): string {
  return seconds < 60 ? translate(language, 'durationSeconds', { n: Math.ceil(seconds) }) : translate(language, 'durationMinutes', { n: Math.ceil(seconds / 60) });
}

/** A progress unit ("texts", "items") in the language; unknown units are shown as they are. */
export function unitLabel(language: Language, unit: string | undefined): string {
  return unit ? translateTerm(language, 'unit_', unit) : '';
}

/** A trend signal label (emerging, growing, declining, seasonal, steady) in the language. */
export function signalLabel(language: Language, label: string | undefined): string | undefined {
  return label === undefined ? undefined : translateTerm(language, 'signal_', label);
}

/** A trend facet's name for people: "Article type (model)", "Category (your file)", "Category (taught)". */
export function facetName(language: Language, facet: { source: 'file' | 'model' | 'taught'; base: string; head?: string }): string {
  if (facet.source === 'model') return translate(language, 'facetFromModel', { name: facet.head ? translateTerm(language, 'head_', facet.head) : facet.base });
  return translate(language, facet.source === 'file' ? 'facetFromFile' : 'facetTaught', { name: facet.base });
}

/** What a signal's label leaves out when the forecast points the other way ("growing, but forecast to fall"), or ''. */
export function signalForecastText(language: Language, signal: { forecastDisagrees?: 'falls' | 'rises' } | undefined): string {
  return signal?.forecastDisagrees ? translate(language, `signalForecast_${signal.forecastDisagrees}`) : '';
}

/** A signal's explanation plus, when label and forecast disagree, why (for a cell's title). */
export function signalTitle(
  language: Language,
  signal: { explanation?: string; explanationDetail?: CoreMessage; forecastDisagrees?: 'falls' | 'rises'; forecastChange?: number } | undefined,
): string | undefined {
  const base = signalExplanation(language, signal?.explanation, signal?.explanationDetail);
  if (!signal?.forecastDisagrees || signal.forecastChange === undefined) return base;
  const change = Number.isFinite(signal.forecastChange) ? `${signal.forecastChange >= 0 ? '+' : ''}${Math.round(signal.forecastChange * 100)}%` : '+∞';
  const note = translate(language, 'signalForecastNote', { direction: translate(language, `signalDirection_${signal.forecastDisagrees}`), change });
  return base ? `${base} ${note}` : note;
}

/** Known progress messages from the workers, and how they read in Chinese. */
const zhProgress: [RegExp, string][] = [
  [/^Reading (.+)$/, '正在读取 $1'],
  [/^Preparing the table$/, '正在整理表格'],
  [/^Loading the model…$/, '正在加载模型…'],
  [/^Warming up \((.+)\)…$/, '正在预热（$1）…'],
  [/^(\d+) texts from the cache$/, '$1 条文本取自缓存'],
  [/^Forecasting series (\d+) of (\d+)…$/, '正在预测第 $1 / $2 个序列…'],
  [/^Epoch (\d+): validation accuracy ([\d.]+%), loss ([\d.]+)$/, '第 $1 轮：验证准确率 $2，损失 $3'],
];

/** A progress message from a worker in the language (workers speak English; known messages are translated). */
export function progressMessage(language: Language, message: string | undefined): string | undefined {
  if (message === undefined || language === 'en') return message;
  for (const [pattern, replacement] of zhProgress) if (pattern.test(message)) return message.replace(pattern, replacement);
  return message;
}

/** How the forecast layer's signal sentences read in Chinese. */
const zhSignalWhat: Record<string, string> = {
  'Emerging: rising quickly from a low base': '新兴：从低位快速上升',
  Growing: '走强',
  Declining: '走弱',
  'Seasonal: rises and falls with the time of year, little change overall': '季节性：随季节起落，整体变化不大',
  Steady: '平稳',
};
const zhSignalCompared: Record<string, string> = { 'the same weeks last year': '去年同期', 'the periods just before': '紧邻的前几期' };
const lessThanAYear = ' Less than a year of history, so the comparison may include seasonal swings.';

/**
 * A trend signal's explanation in the language. The forecast layer words it in English; in Chinese
 * its known sentence shapes are re-worded, anything else is shown as it is.
 */
export function signalExplanation(language: Language, explanation: string | undefined, detail?: CoreMessage): string | undefined {
  if (detail && isCoreMessage(detail)) return coreText(language, detail);
  if (explanation === undefined || language === 'en') return explanation;
  const short = /^Not enough history: (\d+) period\(s\), at least (\d+) are needed to judge the direction\.$/.exec(explanation);
  if (short) return `历史数据不足：只有 ${short[1]} 期，至少需要 ${short[2]} 期才能判断走向。`;
  if (explanation === 'No activity in the recent periods.') return '最近几期没有任何记录。';
  const tail = explanation.endsWith(lessThanAYear);
  const body = tail ? explanation.slice(0, -lessThanAYear.length) : explanation;
  const match = /^(.+) \((.+) over the last (\d+) periods against (.+)\)\.$/.exec(body);
  if (!match || !(match[1]! in zhSignalWhat) || !(match[4]! in zhSignalCompared)) return explanation;
  const change = match[2] === 'from nothing' ? '从无到有' : match[2];
  return `${zhSignalWhat[match[1]!]}（最近 ${match[3]} 期对比${zhSignalCompared[match[4]!]}：${change}）。${tail ? '历史不足一年，比较结果可能包含季节性波动。' : ''}`;
}

/** The fixed lines of the report's Markdown (written in English by the report module) and their Chinese. */
const zhReportLines: Record<string, string> = {
  '### Rising': '### 上升',
  '### Declining': '### 下降',
  '## Forecast accuracy': '## 预测准确度',
  '| value | latest share | vs last year | next period (forecast) | backtest MASE | signal |': '| 取值 | 最新占比 | 同比 | 下一期（预测） | 回测 MASE | 趋势判断 |',
  '_No value moved by a measurable amount (or not enough history)._': '_没有取值出现可衡量的变化（或历史数据不足）。_',
  '## Next season': '## 下一季',
  '### Rising groups': '### 上升的组',
  '### Falling groups': '### 下降的组',
  '### Plan': '### 计划',
  '### Regional differences': '### 地区差异',
  '| group | same season last year | forecast | vs last year | likely range (80 %) | units to buy | note |': '| 分组 | 去年同季 | 预测销量 | 同比 | 较可能区间（80%） | 建议采购量 | 提示 |',
  '_No group is forecast to change by a measurable amount (or not enough history)._': '_没有分组的预测出现可衡量的变化（或历史数据不足）。_',
  '_No difference between regions is beyond chance._': '_各地区之间没有超出偶然范围的差异。_',
};

/**
 * The report's Markdown in the language: the report's own text is already translated; this words
 * the fixed headings, table header and units that the report module writes in English.
 */
export function reportMarkdown(language: Language, markdown: string): string {
  if (language === 'en') return markdown;
  return markdown
    .split('\n')
    .map((line) => {
      if (line in zhReportLines) return zhReportLines[line]!;
      const latest = /^Latest period: \*\*(.*)\*\*\.$/.exec(line);
      if (latest) return `最新一期：**${latest[1]}**。`;
      return line.startsWith('| ') ? line.replace(/([+−]\d+(?:\.\d+)?) pt \|/g, `$1${translate(language, 'pointsSuffix')} |`) : line;
    })
    .join('\n');
}
