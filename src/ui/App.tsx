/** The Trendloom single-page app. */
export function App() {
  return (
    <main>
      <h1>Trendloom</h1>
    </main>
  );
}
