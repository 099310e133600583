import React from 'react'

const App = () => <div data-test="hello">ODD 3</div>

export default App
